using EdgeStream.Core.Decisions;

namespace EdgeStream.Core.Tests.Decisions;

/// <summary>
/// The scorer against the Python reference (models/training/edgestream_train/sensor_scoring.py). Expected values
/// were produced by <c>score_errors(errors, 100, ScoreParams(0.5, 5, 3.0, 2, 3))</c> with the reference module.
/// </summary>
public sealed class AnomalyScorerTests
{
    private static readonly double[] Errors = [0.10, 0.30, 0.05, 0.25, 0.15, 0.20, 0.12, 0.90, 1.20, 1.10, 0.20, 0.05, 0.10, 0.15, 0.12, 0.10, 0.30, 0.95, 1.4, 0.1, 0.1, 0.1, 0.1, 0.1];

    // (smoothed, z or NaN in the baseline, anomalous) per step from the reference.
    private static readonly (double S, double Z, bool A)[] Expected =
    [
        (0.1, double.NaN, false), (0.2, double.NaN, false), (0.125, double.NaN, false), (0.1875, double.NaN, false), (0.16875, double.NaN, false),
        (0.184375, 0.7418030325702607, false), (0.1521875, -0.2419584066865061, false), (0.52609375, 10.898340980102667, false),
        (0.863046875, 20.920631949651238, true), (0.9815234375, 24.444583782556503, true), (0.59076171875, 12.821816832187952, true),
        (0.32038085937500005, 4.779642879200144, true), (0.2101904296875, 1.50215272864075, true), (0.18009521484375002, 0.6070044792955638, true),
        (0.150047607421875, -0.2867277409377358, false), (0.12502380371093752, -1.0584797022252503, false), (0.21251190185546875, 1.8272672301599469, false),
        (0.5812559509277344, 12.15011878788955, false), (0.9906279754638672, 23.972617472549963, true), (0.5453139877319336, 11.112129411141208, true),
        (0.3226569938659668, 4.681885380436828, true), (0.2113284969329834, 1.4667633650846381, true), (0.15566424846649168, -0.14079764259145686, true),
        (0.12783212423324586, -0.9445781464295036, false),
    ];

    private static AnomalyScoreParams Params => new() { ErrorEwmaAlpha = 0.5, BaselineSamples = 5, Threshold = 3.0, EnterWindows = 2, ExitWindows = 3 };

    [Fact]
    public void Update_ErrorSequence_MatchesPythonReferenceSampleForSample()
    {
        var scorer = new AnomalyScorer(Params);
        for (var i = 0; i < Errors.Length; i++)
        {
            var step = scorer.Update(Errors[i]);
            Assert.Equal(Expected[i].S, step.Smoothed, 1e-12);
            if (double.IsNaN(Expected[i].Z))
            {
                Assert.True(double.IsNaN(step.Z), $"step {i} should be in the baseline");
            }
            else
            {
                Assert.Equal(Expected[i].Z, step.Z, 1e-9);
            }

            Assert.Equal(Expected[i].A, step.Anomalous);
        }
    }

    [Fact]
    public void Update_ErrorSequence_TransitionsAtReferenceEventIndices()
    {
        // Reference events: (start 107, confirmed 108, end 111, closed 114), (117, 118, 120, 123), peaks 24.44 and 23.97.
        var scorer = new AnomalyScorer(Params);
        var transitions = new List<(int Index, AnomalyTransition What, double Peak)>();
        for (var i = 0; i < Errors.Length; i++)
        {
            var step = scorer.Update(Errors[i]);
            if (step.Transition != AnomalyTransition.None)
            {
                transitions.Add((100 + i, step.Transition, Math.Round(scorer.PeakZ, 6)));
            }
        }

        Assert.Equal(
            [(108, AnomalyTransition.Started, 20.920632), (114, AnomalyTransition.Ended, 24.444584), (118, AnomalyTransition.Started, 23.972617), (123, AnomalyTransition.Ended, 23.972617)],
            transitions);
    }

    [Fact]
    public void ForecastError_HandComputed_MeanSquaredInDouble()
    {
        Assert.Equal(((0.5 * 0.5) + (2.0 * 2.0)) / 2, AnomalyScorer.ForecastError([1.5f, -1f], [1f, 1f]), 12);
    }

    [Fact]
    public void Update_FlatBaseline_StdFlooredAtMinStd()
    {
        var scorer = new AnomalyScorer(Params with { BaselineSamples = 3, MinStd = 0.01 });
        for (var i = 0; i < 3; i++)
        {
            scorer.Update(1.0);
        }

        // s = 0.5 * 1.1 + 0.5 * 1.0 = 1.05; z = 0.05 / 0.01.
        Assert.Equal(5.0, scorer.Update(1.1).Z, 9);
    }
}
