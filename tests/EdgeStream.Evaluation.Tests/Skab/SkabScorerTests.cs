using EdgeStream.Evaluation.Skab;
using static EdgeStream.Evaluation.Tests.Skab.SkabTestFiles;

namespace EdgeStream.Evaluation.Tests.Skab;

public sealed class SkabScorerTests
{
    [Fact]
    public void Outliers_ArePooledPointwise()
    {
        // Labels 0 0 1 1 1 0, predictions 0 1 1 0 1 0: TP 2, FP 1, FN 1, TN 2.
        var file = Make("valve1/0", 6, anomalies: [2, 3, 4]);
        var score = SkabScorer.Score([file], [SkabPrediction.FromAnomalies(file.Name, 0, Flags(6, 1, 2, 4))], NoTrainRows).Outliers;

        Assert.Equal(new SkabOutlierScore(2, 1, 1, 2), score);
        Assert.Equal(2.0 / 3, score.F1, 15); // 2 / (2 + (1 + 1) / 2)
        Assert.Equal(100.0 / 3, score.FalseAlarmRatePercent, 13);
        Assert.Equal(100.0 / 3, score.MissingAlarmRatePercent, 13);
        Assert.Equal("| X | 0.67 | 33.33 | 33.33 |", score.ToTableRow("X"));
    }

    [Fact]
    public void Outliers_OverSeveralFiles_AddUp()
    {
        var a = Make("valve1/0", 4, anomalies: [0, 1]);
        var b = Make("valve1/1", 4, anomalies: [3]);
        var score = SkabScorer.Score([a, b], [SkabPrediction.FromAnomalies(a.Name, 0, Flags(4, 0, 1)), SkabPrediction.FromAnomalies(b.Name, 0, Flags(4, 0))], NoTrainRows);

        Assert.Equal(new SkabOutlierScore(2, 1, 1, 4), score.Outliers);
        Assert.Equal(2, score.Files);
    }

    [Fact]
    public void NullDetector_ScoresAsTheLeaderboardsNullRow()
    {
        var file = Make("valve1/0", 10, anomalies: [5, 6]);
        var score = SkabScorer.Score([file], [SkabPrediction.FromAnomalies(file.Name, 0, new bool[10])], NoTrainRows).Outliers;

        Assert.Equal("| Null detector | 0 | 0 | 100 |", score.ToTableRow("Null detector"));
    }

    [Fact]
    public void TrainRows_AreNeverScored()
    {
        // Leaderboard protocol: rows 0..399 train. The anomaly and the changepoint at row 100 do not count, nor
        // do the predictions there.
        var file = Make("valve1/0", 500, anomalies: [100, 450], changepoints: [100, 450]);
        var flags = Flags(500, 100, 450);
        var score = SkabScorer.Score([file], [new SkabPrediction(file.Name, 0, flags, flags)]);

        Assert.Equal(new SkabOutlierScore(1, 0, 0, 99), score.Outliers);
        Assert.Equal((1, 0, 0), (score.Changepoints.TrueChangepoints, score.Changepoints.MissedChangepoints, score.Changepoints.FalsePositives));
        Assert.Equal(100, score.Changepoints.Standard, 12);
    }

    [Fact]
    public void RowsWithoutAPrediction_AreLeftOutOfTheOutliers_ButTheirChangepointsAreMissed()
    {
        // A detector with a 5-row warm-up after the train part predicts rows 405..499 only (as Vanilla LSTM does).
        var file = Make("valve1/0", 500, anomalies: [401, 402, 480], changepoints: [401, 480]);
        var flags = Flags(95, 480 - 405);
        var score = SkabScorer.Score([file], [new SkabPrediction(file.Name, 405, flags, flags)]);

        Assert.Equal(new SkabOutlierScore(1, 0, 0, 94), score.Outliers);
        Assert.Equal((2, 1, 0), (score.Changepoints.TrueChangepoints, score.Changepoints.MissedChangepoints, score.Changepoints.FalsePositives));
        Assert.Equal(50, score.Changepoints.Standard, 12); // 100 * (1 - 1 + 2) / 4
    }

    [Fact]
    public void Score_RefusesPredictionsThatDoNotFitTheFiles()
    {
        var a = Make("valve1/0", 10);
        var b = Make("valve1/1", 10);
        var free = new SkabFile(SkabCorpus.AnomalyFreeName, [Start], new double[SkabFile.ChannelCount], null, null);
        SkabPrediction For(SkabFile f, int first = 0, int rows = 10) => SkabPrediction.FromAnomalies(f.Name, first, new bool[rows]);

        Assert.Contains("no prediction for valve1/1", Refused([a, b], [For(a)]), StringComparison.Ordinal);
        Assert.Contains("two predictions", Refused([a], [For(a), For(a)]), StringComparison.Ordinal);
        Assert.Contains("files not given: valve1/1", Refused([a], [For(a), For(b)]), StringComparison.Ordinal);
        Assert.Contains("the file has 10", Refused([a], [For(a, first: 1)]), StringComparison.Ordinal);
        Assert.Contains("no labels", Refused([free], [For(free, rows: 1)]), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SkabPrediction("valve1/0", 0, new bool[3], new bool[2]));
    }

    private static string Refused(SkabFile[] files, SkabPrediction[] predictions) =>
        Assert.Throws<ArgumentException>(() => SkabScorer.Score(files, predictions)).Message;
}
