using EdgeStream.Core.Decisions;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Tests.Decisions;

/// <summary>
/// The likelihood rule on hand-made series: a spike is one detection at its sample, the refractory period and the
/// red/yellow filter keep one anomaly from being reported on every sample of it, and an event ends after the exit
/// count of quiet samples. (Its NAB score through the pipeline equals the Python study's: models/README.md.)
/// </summary>
public sealed class LikelihoodScorerTests
{
    private static readonly LikelihoodSpec Spec = new() { HistorySamples = 400, ShortWindows = [5], LearningSamples = 50, RefractorySamples = 10, QuietSamples = 0 };

    /// <summary>A forecast that is always 0, so the error is the value squared: noise in [-1, 1], and spikes.</summary>
    private static List<AnomalyStep> Run(LikelihoodScorer scorer, int samples, Func<int, double> value, int warmup = 0)
    {
        var random = new Random(11);
        var steps = new List<AnomalyStep>();
        for (var t = 0; t < samples; t++)
        {
            float[] actual = [(float)((random.NextDouble() * 2) - 1 + value(t))];
            if (t < warmup)
            {
                scorer.Calibrate([0f], actual);
            }
            else
            {
                steps.Add(scorer.Update([0f], actual));
            }
        }

        return steps;
    }

    [Fact]
    public void Update_NoiseThenOneSpike_DetectsTheSpikeOnceAndNothingElse()
    {
        var scorer = new LikelihoodScorer(Spec, threshold: 0.5, exitWindows: 1);

        var steps = Run(scorer, 300, t => t == 200 ? 30 : 0);

        var detections = steps.Select((s, t) => (s, t)).Where(x => x.s.Transition == AnomalyTransition.Started).Select(x => x.t).ToArray();
        Assert.Equal([200], detections.Where(t => t >= Spec.LearningSamples));
        Assert.Equal(1.0, steps[200].Z); // beyond the range seen so far: spatial
        Assert.Equal(AnomalyTransition.Ended, steps[201].Transition);
    }

    [Fact]
    public void Update_ASecondSpikeInsideTheRefractoryPeriod_IsCappedUnderTheThreshold()
    {
        var scorer = new LikelihoodScorer(Spec, threshold: 0.5, exitWindows: 1);

        var steps = Run(scorer, 300, t => t is 200 ? 30 : t is 205 ? 60 : t is 240 ? 120 : 0); // each beyond the range so far: spatial

        Assert.Equal(AnomalyTransition.Started, steps[200].Transition);
        Assert.Equal(0.5 - 1e-7, steps[205].Z, 12);
        Assert.NotEqual(AnomalyTransition.Started, steps[205].Transition);
        Assert.Equal(AnomalyTransition.Started, steps[240].Transition); // after the refractory period, a bigger one counts
    }

    [Fact]
    public void Update_ExitWindows_KeepTheEventOpenUntilThatManyQuietSamples()
    {
        var scorer = new LikelihoodScorer(Spec, threshold: 0.5, exitWindows: 8);

        var steps = Run(scorer, 300, t => t == 200 ? 30 : 0);

        Assert.All(steps.Skip(200).Take(8), s => Assert.True(s.Anomalous));
        Assert.Equal(AnomalyTransition.Ended, steps[208].Transition);
    }

    [Fact]
    public void Calibrate_WarmupSamplesSetTheRange_SoTheFirstScoredSamplesRaiseNothing()
    {
        var cold = Run(new LikelihoodScorer(Spec, 0.5, 1), 120, _ => 0);
        var warm = Run(new LikelihoodScorer(Spec, 0.5, 1), 220, _ => 0, warmup: 100);

        Assert.Contains(cold, s => s.Transition == AnomalyTransition.Started); // a range of a few samples is widened by noise
        Assert.DoesNotContain(warm, s => s.Transition == AnomalyTransition.Started);
    }

    [Fact]
    public void Update_QuietSamples_HoldBackSpatialDetectionsAtTheStartOfAStream()
    {
        var quiet = Spec with { QuietSamples = 100 };

        var loud = Run(new LikelihoodScorer(Spec, 0.5, 1), 200, t => t == 60 ? 30 : 0);
        var hushed = Run(new LikelihoodScorer(quiet, 0.5, 1), 200, t => t is 60 or 150 ? 30 : 0);

        Assert.Equal(AnomalyTransition.Started, loud[60].Transition);
        Assert.Equal(0.5 - 1e-7, hushed[60].Z, 12);
        Assert.DoesNotContain(hushed.Take(100), s => s.Transition == AnomalyTransition.Started);
        Assert.Equal(AnomalyTransition.Started, hushed[150].Transition);
    }

    [Fact]
    public void Update_ScoreIsNumentasLogLikelihood()
    {
        var scorer = new LikelihoodScorer(Spec, threshold: 0.5, exitWindows: 1);

        var steps = Run(scorer, 200, _ => 0);

        // Spatial samples (the range of a new stream widens) score 1 and refractory ones are capped; the rest follow the formula.
        Assert.All(steps.Where(s => s.Z < 0.5 - 1e-6), s => Assert.Equal(Math.Log(s.Smoothed + 1e-10) / Math.Log(1e-10), s.Z, 12));
        Assert.True(steps.Count(s => s.Z < 0.5 - 1e-6) > 150);
        Assert.All(steps.Take(Spec.LearningSamples), s => Assert.Equal(1.0, s.Smoothed)); // learning: q = 1
    }
}
