using System.Globalization;
using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

// SKAB's published per-row predictions (results/*.pkl) scored here must give the leaderboard (LEADERBOARD.md).
// Each table row below is asserted twice: that LEADERBOARD.md prints it so, and that this scorer prints it so.
// The pickles hold the anomaly flags only; the changepoint predictions are derived by each notebook's rule.
// Delays are the notebooks' printed "Average time" (not in the table), truncated to a tick.
public sealed class SkabPublishedResultsTests
{
    [SkabDataTheory]
    [InlineData("Conv_AE", "Conv-AE", false, "| Conv-AE | 0.78 | 13.55 | 28.02 |", "| Conv-AE | 23.61 | 21.54 | 27.55 | 82 | 23 |", "00:00:32.466666666")]
    [InlineData("MSET", "MSET", false, "| MSET | 0.78 | 39.73 | 14.13 |", "| MSET | 13.84 | 10.22 | 17.37 | 96 | 66 |", "00:00:33.419354838")]
    [InlineData("T2-q", "T-squared+Q (PCA-based)", false, "| T-squared+Q (PCA-based) | 0.76 | 26.62 | 24.92 |", "| T-squared+Q (PCA-based) | 25.35 | 14.51 | 31.33 | 72 | 232 |", "00:00:20.927272727")]
    [InlineData("LSTM_AE", "LSTM-AE", false, "| LSTM-AE | 0.74 | 29.96 | 25.92 |", "| LSTM-AE | 23.51 | 20.11 | 25.91 | 88 | 69 |", "00:00:17")]
    [InlineData("Vanilla_LSTM", "Vanilla LSTM", false, "| Vanilla LSTM | 0.54 | 12.54 | 59.53 |", "| Vanilla LSTM | 11.31 | -3.8 | 17.25 | 90 | 342 |", "00:00:13.756756756")]
    [InlineData("Vanilla_AE", "Vanilla AE", false, "| Vanilla AE | 0.39 | 2.59 | 75.15 |", "| Vanilla AE | 11.41 | 6.53 | 13.91 | 103 | 106 |", "00:00:18.083333333")]
    [InlineData("Isolation_Forest", "Isolation forest", true, "| Isolation forest | 0.29 | 2.56 | 82.89 |", "| Isolation forest | 26.16 | 19.5 | 30.82 | 76 | 135 |", "00:00:22.725490196")]
    // ArimaFD is on the changepoint table only; its notebook prints F1 0.0, FAR 0.01 %, MAR 100.0 %.
    [InlineData("Arima_anomaly_detection", "ArimaFD", true, null, "| ArimaFD | -0.09 | -0.17 | -0.06 | 127 | 2 |", null)]
    public void PublishedPredictions_GiveTheLeaderboardRow(string set, string name, bool rollingMax, string? outlierRow, string changepointRow, string? delay)
    {
        var score = ScorePublished(set, rollingMax);

        if (outlierRow is not null)
        {
            Assert.Contains(outlierRow, SkabSharedData.LeaderboardLines);
            Assert.Equal(outlierRow, score.Outliers.ToTableRow(name));
        }

        Assert.Contains(changepointRow, SkabSharedData.LeaderboardLines);
        Assert.Equal(changepointRow, score.Changepoints.ToTableRow(name));
        Assert.Equal(127, score.Changepoints.TrueChangepoints);
        Assert.Equal(NotebookDelay(delay), score.Changepoints.MeanDetectionDelay);
    }

    [SharedDataFact("skab")]
    public void ArimaFD_Outliers_AreItsNotebooks() =>
        Assert.Equal("| ArimaFD | 0 | 0.01 | 100 |", ScorePublished("Arima_anomaly_detection", rollingMax: true).Outliers.ToTableRow("ArimaFD"));

    // Known difference: the table prints T-squared's Missed CPs / FPs as 70 / 106, but its predictions give
    // 84 / 203, which is also what notebooks/t2_SKAB.ipynb itself prints next to the same NAB scores
    // ("A number of missed CPs = 84", "A number of FPs = 203", "Average time 0 days 00:00:18.232558139"),
    // and what SKAB's own metrics.py gives on the pickle. The table's two counts match no output in the repository.
    [SharedDataFact("skab")]
    public void TSquared_CountsAreTheNotebooks_NotTheTables()
    {
        var score = ScorePublished("T2", rollingMax: false);

        Assert.Contains("| T-squared | 0.66 | 19.21 | 42.6 |", SkabSharedData.LeaderboardLines);
        Assert.Equal("| T-squared | 0.66 | 19.21 | 42.6 |", score.Outliers.ToTableRow("T-squared"));
        Assert.Contains("| T-squared | 19.54 | 10.2 | 24.31 | 70 | 106 |", SkabSharedData.LeaderboardLines);
        Assert.Equal("| T-squared | 19.54 | 10.2 | 24.31 | 84 | 203 |", score.Changepoints.ToTableRow("T-squared"));
        Assert.Equal(NotebookDelay("00:00:18.232558139"), score.Changepoints.MeanDetectionDelay);
    }

    // Known difference: MSCRED, scored by the rules (labels of the same rows as the predictions), gives FAR 49.72 %
    // and MAR 70.04 % (published 49.94 / 69.88) and NAB 31.91 / 16.27 / 39.65, 57 missed (published 32.42 / 16.53
    // / 40.28, 55). The published numbers come from a label slice in notebooks/mscred.ipynb that does not match the
    // predictions' rows; MscredNotebook_SlicedLabels_GiveThePublishedRow below reproduces them from that slice.
    [SharedDataFact("skab")]
    public void Mscred_ByTheRules()
    {
        var score = ScorePublished("MSCRED", rollingMax: false);

        Assert.Contains("| MSCRED | 0.36 | 49.94 | 69.88 |", SkabSharedData.LeaderboardLines);
        Assert.Equal("| MSCRED | 0.36 | 49.72 | 70.04 |", score.Outliers.ToTableRow("MSCRED"));
        Assert.Contains("| MSCRED | 32.42 | 16.53 | 40.28 | 55 | 342 |", SkabSharedData.LeaderboardLines);
        Assert.Equal("| MSCRED | 31.91 | 16.27 | 39.65 | 57 | 342 |", score.Changepoints.ToTableRow("MSCRED"));
        Assert.Equal(127, score.Changepoints.TrueChangepoints);
    }

    // mscred.ipynb scores `y_test["anomaly"][-len(X_test_) - 1 : -1]`, where X_test_ is left over from the
    // training cell's last pass: the last file's (valve2/2 in the authors' os.walk order, the pickle's last
    // series: 690 rows) for every file. So the labels are the test part's positions [m - 691, m - 2] (m its rows;
    // from 0 when m < 691), while the predictions cover [39, m - 1]. pandas aligns the two on time: the outlier
    // track counts the rows in both, and the changepoint track takes the true changepoints of the slice only
    // ("Amount of true anomalies 125") but every predicted changepoint. Done so here, the published row comes out.
    [SharedDataFact("skab")]
    public void MscredNotebook_SlicedLabels_GiveThePublishedRow()
    {
        var series = SkabSharedData.Series("MSCRED");
        var leftOver = series.MaxBy(s => s.Position)!.Timestamps.Count;
        Assert.Equal(690, leftOver);
        var outliers = new List<SkabPrediction>();
        var nab = new SkabNab(SkabProtocol.Leaderboard.ChangepointWindow);
        foreach (var one in series)
        {
            var (file, first) = SkabSharedData.Locate(one);
            var train = SkabProtocol.Leaderboard.TrainRows;
            var labelsFrom = train + Math.Max(0, file.RowCount - train - leftOver - 1);
            var labelsTo = file.RowCount - 1; // exclusive: the slice drops the last row
            var from = Math.Max(first, labelsFrom);
            var flags = one.Anomaly[(from - first)..(labelsTo - first)];
            outliers.Add(SkabPrediction.FromAnomalies(file.Name, from, flags));

            var changepoints = SkabChangepoints.FromAnomalyEdges(one.Anomaly);
            nab.Add(
                [.. Enumerable.Range(labelsFrom, labelsTo - labelsFrom).Where(r => file.Changepoint![r]).Select(r => file.Timestamps[r])],
                [.. one.Timestamps.Where((_, i) => changepoints[i])]);
        }

        var score = nab.Result();
        Assert.Equal("| MSCRED | 0.36 | 49.94 | 69.88 |", SkabScorer.Score(SkabSharedData.Files, outliers).Outliers.ToTableRow("MSCRED"));
        Assert.Equal("| MSCRED | 32.42 | 16.53 | 40.28 | 55 | 342 |", score.ToTableRow("MSCRED"));
        Assert.Equal(125, score.TrueChangepoints);
        Assert.Equal(NotebookDelay("00:00:18.485714285"), score.MeanDetectionDelay);
    }

    // Without pandas (python -S leaves out Debian's dist-packages) the test fails, saying what to install.
    [SharedDataFact("skab")]
    public void Converter_WithoutPandas_SaysToInstallIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SkabSharedData.ConvertPickles("-S"));

        Assert.Contains("apt-get install python3-pandas", error.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("skab")]
    public void EveryPublishedSet_IsTested()
    {
        var sets = Directory.GetFiles(Path.Combine(SkabSharedData.Folder, "results"), "results-*.pkl").Select(p => Path.GetFileNameWithoutExtension(p)["results-".Length..]);

        Assert.Equal(["Arima_anomaly_detection", "Conv_AE", "Isolation_Forest", "LSTM_AE", "MSCRED", "MSET", "T2", "T2-q", "Vanilla_AE", "Vanilla_LSTM"], sets.Order(StringComparer.Ordinal));
    }

    private static SkabScore ScorePublished(string set, bool rollingMax)
    {
        var predictions = SkabSharedData.Series(set).Select(series =>
        {
            var (file, first) = SkabSharedData.Locate(series);
            var changepoints = rollingMax ? SkabChangepoints.FromRollingMaxEdges(series.Anomaly, 30) : SkabChangepoints.FromAnomalyEdges(series.Anomaly);
            return new SkabPrediction(file.Name, first, series.Anomaly, changepoints);
        }).ToList();
        return SkabScorer.Score(SkabSharedData.Files, predictions);
    }

    // pandas prints nanoseconds; a TimeSpan holds ticks of 100 ns, so the last two digits go (floor, as pandas' own
    // mean truncates: floor(floor(x / 1 ns) / 100) = floor(x / 100 ns)).
    private static TimeSpan? NotebookDelay(string? printed) =>
        printed is null ? null : TimeSpan.ParseExact(printed.Contains('.', StringComparison.Ordinal) ? printed[..^2] : printed, printed.Contains('.', StringComparison.Ordinal) ? @"hh\:mm\:ss\.fffffff" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
