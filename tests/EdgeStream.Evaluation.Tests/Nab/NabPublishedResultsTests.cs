using System.Globalization;
using EdgeStream.Evaluation.Nab;
using Xunit.Abstractions;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>
/// NAB's published numbers reproduced from the published per-row anomaly scores of the numenta and null detectors,
/// scored at the published thresholds (config/thresholds.json).
/// </summary>
public sealed class NabPublishedResultsTests(NabPublishedFixture fixture, ITestOutputHelper output) : IClassFixture<NabPublishedFixture>
{
    private NabCorpusScore Score(string detector, NabProfile profile) =>
        NabScorer.ScoreCorpus(fixture.Results(detector), fixture.Labels, profile, fixture.Thresholds[detector][profile.Name].Threshold);

    [SharedDataFact("nab")]
    public void The_final_results_of_numenta_and_null_are_reproduced_for_every_profile()
    {
        foreach (var detector in NabPublishedFixture.Detectors)
        {
            Assert.Equal(58, fixture.Results(detector).Count);
            foreach (var profile in NabProfile.All)
            {
                var score = Score(detector, profile);
                var published = fixture.FinalResults[detector][profile.Name];
                var publishedRaw = fixture.Thresholds[detector][profile.Name].RawScore;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{detector} {profile.Name}: normalised {score.Total.NormalisedScore:R} (published {published:R}), raw {score.Total.RawScore:R} (published {publishedRaw:R})"));

                Assert.Equal(published, score.Total.NormalisedScore!.Value, 1e-6);
                Assert.Equal(publishedRaw, score.Total.RawScore, 1e-9);
                Assert.Equal((116, -116 * profile.FalseNegativeWeight, 116.0), (score.Total.Windows, score.Total.NullScore, score.Total.PerfectScore));
            }
        }
    }

    [SharedDataFact("nab")]
    public void The_per_file_scores_and_counts_of_numentas_summaries_are_reproduced() => PerFileScoresAreReproduced("numenta");

    [SharedDataFact("nab")]
    public void The_per_file_scores_and_counts_of_nulls_summaries_are_reproduced() => PerFileScoresAreReproduced("null");

    [SharedDataFact("nab")]
    public void The_per_row_scores_of_every_numenta_file_are_reproduced() => PerRowScoresAreReproduced("numenta");

    [SharedDataFact("nab")]
    public void The_per_row_scores_of_every_null_file_are_reproduced() => PerRowScoresAreReproduced("null");

    private void PerFileScoresAreReproduced(string detector)
    {
        foreach (var profile in NabProfile.All)
        {
            var ours = Score(detector, profile);
            var byFile = ours.Files.ToDictionary(f => f.File, StringComparer.Ordinal);
            var summary = File.ReadAllLines(Path.Combine(fixture.Unpacked, detector, $"{detector}_{profile.Name}_scores.csv"));
            Assert.Equal("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count", summary[0]);

            var rows = summary.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
            Assert.Equal(59, rows.Count);
            foreach (var row in rows)
            {
                var (raw, counts, total) = row[0] == NabTotals.CorpusName
                    ? (ours.Total.RawScore, ours.Total.Counts, ours.Total.TotalRows)
                    : (byFile[row[2]].RawScore, byFile[row[2]].Counts, byFile[row[2]].TotalRows);
                var where = $"{detector} {profile.Name} {(row[0] == NabTotals.CorpusName ? "Totals" : row[2])}";

                Assert.True(NabPublishedFixture.AgreesToPrinted(double.Parse(row[4], CultureInfo.InvariantCulture), raw), $"{where}: score {raw:R}, published {row[4]}");
                Assert.Equal(
                    (int.Parse(row[5], CultureInfo.InvariantCulture), int.Parse(row[6], CultureInfo.InvariantCulture),
                     int.Parse(row[7], CultureInfo.InvariantCulture), int.Parse(row[8], CultureInfo.InvariantCulture),
                     int.Parse(row[9], CultureInfo.InvariantCulture)),
                    (counts.TruePositives, counts.TrueNegatives, counts.FalsePositives, counts.FalseNegatives, total));
            }
        }
    }

    /// <summary>
    /// The published S(t) columns come from NAB v1.0's scorer, which wrote a row's score only where it counted: at a
    /// false-positive detection its FP score, at a window's first row the window's score (its earliest detection's,
    /// or -A_FN), 0 everywhere else (probation, undetected rows, detections after a window's first). Our per-file
    /// result is written out that way and compared row by row.
    /// </summary>
    private void PerRowScoresAreReproduced(string detector)
    {
        var compared = 0;
        foreach (var profile in NabProfile.All)
        {
            foreach (var file in Score(detector, profile).Files)
            {
                var name = $"{detector}_{Path.GetFileName(file.File)}";
                var paths = new List<string> { Path.Combine(fixture.Unpacked, detector, file.Category, name) };
                if (detector == "numenta" && file.Category == "realKnownCause" && File.Exists(NabPublishedFixture.Nab("results", detector, file.Category, name)))
                {
                    paths.Add(NabPublishedFixture.Nab("results", detector, file.Category, name));
                }

                var expected = AsPublished(file, fixture.Results(detector).Single(r => r.File == file.File));
                foreach (var path in paths)
                {
                    var published = NabPublishedFixture.PublishedRowScores(path, profile);
                    Assert.Equal(published.Length, expected.Length);
                    var bad = Enumerable.Range(0, published.Length).FirstOrDefault(i => !NabPublishedFixture.AgreesToPrinted(published[i], expected[i]), -1);
                    Assert.True(bad < 0, $"{path} S(t)_{profile.Name} row {bad + 2}: ours {(bad < 0 ? 0 : expected[bad]):R}, published {(bad < 0 ? 0 : published[bad]):R}");
                    compared++;
                }
            }
        }

        output.WriteLine($"{detector}: {compared} per-row S(t) columns agree row by row");
    }

    private static double[] AsPublished(NabFileScore score, NabFileRows rows)
    {
        var values = new double[rows.Count];
        var inWindow = new bool[rows.Count];
        foreach (var window in score.Windows)
        {
            Array.Fill(inWindow, true, window.FirstRow, window.LastRow - window.FirstRow + 1);
        }

        for (var i = score.ProbationaryRows; i < rows.Count; i++)
        {
            if (!inWindow[i] && rows.Scores[i] >= score.Threshold)
            {
                values[i] = score.RowScores[i];
            }
        }

        foreach (var window in score.Windows.Where(w => w.Scored))
        {
            values[window.FirstRow] = window.Score;
        }

        return values;
    }
}
