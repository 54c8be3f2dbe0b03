using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

/// <summary>
/// A sensor stream end to end with a persistence forecaster, against the reference rule computed offline:
/// warm-up statistics over the first N raw samples, z_t, e_t = mean_c (z_{t-1} - z_t)^2 for t >= t0 = max(N, W).
/// </summary>
public sealed class AnomalyPipelineTests
{
    private const int Warmup = 20;
    private const int Window = 4;

    private static float[][] Samples()
    {
        var rows = new float[120][];
        for (var t = 0; t < rows.Length; t++)
        {
            var noise = (float)Math.Sin(t * 1.7) * 0.3f;
            var spike = t is >= 70 and < 76 ? 6f * ((t % 2) * 2 - 1) : 0f;
            rows[t] = [10 + noise + spike, 100 + (noise * 3)];
        }

        return rows;
    }

    private static List<(EventPhase Phase, DateTimeOffset Start, DateTimeOffset? End)> Reference(float[][] raw, AnomalyScoreParams p)
    {
        var channels = raw[0].Length;
        var mean = new double[channels];
        var std = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            mean[c] = raw.Take(Warmup).Average(r => (double)r[c]);
            std[c] = Math.Max(Math.Sqrt(raw.Take(Warmup).Average(r => Math.Pow(r[c] - mean[c], 2))), 1e-6);
        }

        var z = raw.Select(r => r.Select((v, c) => (float)((v - mean[c]) / std[c])).ToArray()).ToArray();
        var scorer = new AnomalyScorer(p);
        var result = new List<(EventPhase, DateTimeOffset, DateTimeOffset?)>();
        var t0 = Math.Max(Warmup, Window);
        var start = 0;
        for (var t = t0; t < raw.Length; t++)
        {
            var step = scorer.Update(AnomalyScorer.ForecastError(z[t - 1], z[t]));
            if (step.Transition == AnomalyTransition.Started)
            {
                start = t - p.EnterWindows + 1;
                result.Add((EventPhase.Start, T0.AddSeconds(start), null));
            }
            else if (step.Transition == AnomalyTransition.Ended)
            {
                result.Add((EventPhase.End, T0.AddSeconds(start), T0.AddSeconds(t - p.ExitWindows)));
            }
        }

        return result;
    }

    [Fact]
    public async Task RunAsync_SensorStreamWithWarmup_EventsMatchOfflineReference()
    {
        var score = new AnomalyScoreSpec { ErrorEwmaAlpha = 0.5, BaselineSamples = 10, Threshold = 3.0 };
        var manifest = Anomaly(channels: 2, window: Window, new NormalisationSpec { Kind = "warmup", WarmupSamples = Warmup }, score, enter: 2, exit: 3);
        var raw = Samples();
        var sink = new CollectingSink();
        var pipeline = Create([Bind("plant", new ListSource("plant", TestStep.Samples(raw)), new FakeEngine(manifest))], [sink]);

        await pipeline.RunToEndAsync();

        var expected = Reference(raw, AnomalyScoreParams.From(manifest.Defaults));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, sink.Events.Select(e => (e.Phase, e.StartedAt, e.EndedAt)));
        Assert.All(sink.Events, e => Assert.Equal((EventType.Anomaly, "anomaly"), (e.Type, e.Label)));
        var s = pipeline.Snapshot()[0];
        Assert.Equal(raw.Length - Warmup, s.Judged); // scored from t0 = max(N, W) on, one window per sample
    }

    [Fact]
    public async Task RunAsync_StrideOverride_FewerWindows()
    {
        var manifest = Anomaly(channels: 2, window: Window, new NormalisationSpec { Kind = "fixed", Mean = [10, 100], Std = [1, 1] });
        var pipeline = Create([Bind("plant", new ListSource("plant", TestStep.Samples(Samples())), new FakeEngine(manifest), o => o.Stride = 4)], [new CollectingSink()], new PipelineOptions { Lossless = true });

        await pipeline.RunToEndAsync();

        // Fixed normalisation: the first window at t = W (needs W + 1 samples), then every 4th sample.
        Assert.Equal(((120 - Window - 1) / 4) + 1, pipeline.Snapshot()[0].Judged);
    }
}
