using EdgeStream.Core.Decisions;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Tests.Decisions;

/// <summary>
/// The residual chart: its limit is the warm-up's own quantile of the chart statistic (computed here independently),
/// a mean shift of the residual raises an alarm for as long as it lasts, and a warm-up too short to give a limit
/// judges nothing (NaN) instead of alarming against nothing.
/// </summary>
public sealed class ResidualChartScorerTests
{
    private static readonly ChartSpec Spec = new() { Window = 4, Quantile = 0.9 };

    private static double Noise(Random random) => (random.NextDouble() * 2) - 1;

    [Fact]
    public void Update_ScoreIsTheStatisticOverTheWarmupQuantile()
    {
        var random = new Random(5);
        var scorer = new ResidualChartScorer(Spec, threshold: 2.5, enterWindows: 1, exitWindows: 1);
        var residuals = Enumerable.Range(0, 203).Select(_ => new[] { Noise(random), Noise(random) }).ToArray();
        for (var t = 0; t < 200; t++)
        {
            scorer.Calibrate([0f, 0f], [(float)residuals[t][0], (float)residuals[t][1]]);
        }

        var step = scorer.Update([0f, 0f], [(float)residuals[200][0], (float)residuals[200][1]]);

        // Independently: means of 4, their per-channel mean and population sd over the warm-up, the 90% quantile.
        var f = residuals.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        double[] MeanAt(int t) => [.. Enumerable.Range(0, 2).Select(c => Enumerable.Range(t - 3, 4).Average(i => f[i][c]))];
        var warm = Enumerable.Range(3, 197).Select(MeanAt).ToArray();
        var mu = Enumerable.Range(0, 2).Select(c => warm.Average(m => m[c])).ToArray();
        var sd = Enumerable.Range(0, 2).Select(c => Math.Sqrt(warm.Average(m => (m[c] - mu[c]) * (m[c] - mu[c]))) + 1e-9).ToArray();
        double S(double[] m) => Enumerable.Range(0, 2).Sum(c => Math.Pow((m[c] - mu[c]) / sd[c], 2));
        var sorted = warm.Select(S).Order().ToArray();
        var h = (sorted.Length - 1) * 0.9;
        var limit = sorted[(int)h] + ((h - (int)h) * (sorted[(int)h + 1] - sorted[(int)h]));
        Assert.Equal(S(MeanAt(200)) / limit, step.Z, 9);
        Assert.True(scorer.IsCalibrated);
    }

    [Fact]
    public void Update_AMeanShift_AlarmsWhileItLastsAndEndsAfterIt()
    {
        var random = new Random(9);
        var scorer = new ResidualChartScorer(Spec, threshold: 2.5, enterWindows: 1, exitWindows: 1);
        for (var t = 0; t < 300; t++)
        {
            scorer.Calibrate([0f], [(float)Noise(random)]);
        }

        var steps = Enumerable.Range(0, 300).Select(t => scorer.Update([0f], [(float)(Noise(random) + (t is >= 100 and < 200 ? 3 : 0))])).ToArray();

        Assert.All(steps[..95], s => Assert.False(s.Anomalous));
        Assert.All(steps[104..200], s => Assert.True(s.Anomalous));
        Assert.All(steps[205..], s => Assert.False(s.Anomalous));
        Assert.Equal(1, steps.Count(s => s.Transition == AnomalyTransition.Started));
    }

    [Fact]
    public void Update_WarmupTooShortForALimit_JudgesNothing()
    {
        var scorer = new ResidualChartScorer(Spec, threshold: 2.5, enterWindows: 1, exitWindows: 1);
        for (var t = 0; t < ResidualChartScorer.MinimumCalibration; t++)
        {
            scorer.Calibrate([0f], [0.1f * t]); // 50 samples: 47 means of 4
        }

        var steps = Enumerable.Range(0, 50).Select(_ => scorer.Update([0f], [100f])).ToArray();

        Assert.False(scorer.IsCalibrated);
        Assert.All(steps, s => Assert.True(double.IsNaN(s.Z) && !s.Anomalous));
    }
}
