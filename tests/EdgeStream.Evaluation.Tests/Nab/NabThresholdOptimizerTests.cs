using EdgeStream.Evaluation.Nab;
using static EdgeStream.Evaluation.Tests.Nab.NabHandMade;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>The incremental sweep against brute force: scoring the corpus at every distinct score.</summary>
public sealed class NabThresholdOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_sweep_finds_the_best_of_all_thresholds(int seed)
    {
        var random = new Random(seed);
        var labels = new Dictionary<string, IReadOnlyList<NabWindow>>();
        var files = new List<NabFileRows>();
        for (var f = 0; f < 6; f++)
        {
            var count = random.Next(60, 400);
            var windows = new List<NabWindow>();
            for (var start = random.Next(0, 80); start + 12 < count; start += random.Next(25, 150))
            {
                windows.Add(Window(start, start + random.Next(0, 12)));
                start += 12;
            }

            // Scores on a coarse grid so that many rows tie, as real detectors' do.
            var scores = Enumerable.Range(0, count).Select(_ => Math.Round(Math.Pow(random.NextDouble(), 3) * 20) / 20).ToArray();
            var file = $"c{f % 2}/f{f}.csv";
            labels[file] = windows;
            files.Add(Rows(file, scores));
        }

        var corpus = new NabLabels(labels);
        foreach (var profile in NabProfile.All)
        {
            var optimum = NabThresholdOptimizer.Optimise(files, corpus, profile);
            var candidates = files.SelectMany(f => f.Scores).Distinct().Append(2.0).OrderDescending();
            var brute = candidates.Select(t => (Threshold: t, Score: NabScorer.ScoreCorpus(files, corpus, profile, t).Total.RawScore)).ToList();
            var best = brute.Max(b => b.Score);

            Assert.Equal(best, optimum.Score.Total.RawScore, 1e-12);
            Assert.Equal(optimum.Threshold, optimum.Score.Threshold);
            // Ties go to the highest threshold, as in NAB (whose "no detection" threshold is above every score).
            var highest = brute.First(b => b.Score >= best - 1e-12).Threshold;
            Assert.True(highest == optimum.Threshold || (highest == 2.0 && optimum.Threshold > files.Max(f => f.Scores.Max())));
        }
    }

    [Fact]
    public void With_no_windows_the_best_is_to_detect_nothing()
    {
        var labels = new NabLabels(new Dictionary<string, IReadOnlyList<NabWindow>> { ["a/x.csv"] = [] });
        var rows = Rows("a/x.csv", [.. Enumerable.Range(0, 100).Select(i => i / 100.0)]);

        var optimum = NabThresholdOptimizer.Optimise([rows], labels, NabProfile.Standard);

        Assert.Equal(Math.BitIncrement(0.99), optimum.Threshold);
        Assert.Equal(0.0, optimum.Score.Total.RawScore);
        Assert.Equal(0, optimum.Score.Total.Counts.FalsePositives);
    }

    [Fact]
    public void The_best_threshold_catches_the_window_start_and_no_more()
    {
        var labels = new NabLabels(new Dictionary<string, IReadOnlyList<NabWindow>> { ["a/x.csv"] = [Window(40, 49)] });
        var scores = new double[100];
        scores[20] = 0.3;
        scores[40] = 0.7;
        scores[70] = 0.9;

        var optimum = NabThresholdOptimizer.Optimise([Rows("a/x.csv", scores)], labels, NabProfile.Standard);

        Assert.Equal(0.7, optimum.Threshold);
        Assert.Equal(1.0 + (Sigma(21.0 / 9) * 0.11), optimum.Score.Total.RawScore, 1e-15);
    }
}
