using EdgeStream.Core.Events;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

/// <summary>
/// A chart-rule stream end to end: its warm-up samples go through the model as warm-up windows (the chart takes its
/// limit from them, no event comes of them), also when the live window queue is tiny and drops its oldest window
/// when full: the calibration burst waits for room instead of dropping itself.
/// </summary>
public sealed class WarmupWindowsTests
{
    private const int Warmup = 200;
    private const int Window = 4;

    /// <summary>Noise on two channels, then a shift of 4 on both from sample 400 to 500 (a persistence forecaster sees the jump).</summary>
    private static float[][] Samples()
    {
        var random = new Random(21);
        return [.. Enumerable.Range(0, 700).Select(t =>
        {
            var shift = t is >= 400 and < 500 ? 4f : 0f;
            return new[] { (float)random.NextDouble() + shift, (float)random.NextDouble() + shift };
        })];
    }

    private static ModelManifest Manifest() => Anomaly(
        channels: 2,
        window: Window,
        new NormalisationSpec { Kind = "warmup", WarmupSamples = Warmup },
        new AnomalyScoreSpec { Kind = "chart", Threshold = 3, Chart = new ChartSpec { Window = 1, Quantile = 0.99 } },
        enter: 1,
        exit: 5);

    [Theory]
    [InlineData(true, 32)]
    [InlineData(false, 1)] // live: the window queue drops its oldest when full
    public async Task RunAsync_ChartRule_CalibratesOnTheWarmupAndRaisesOnlyForTheShift(bool lossless, int windowQueue)
    {
        var sink = new CollectingSink();
        var options = new PipelineOptions { Lossless = lossless, WindowQueue = windowQueue, StepQueue = 10_000 };
        EdgePipeline? pipeline = null;
        long droppedBeforeLastStep = -1;
        var source = new ListSource("pump", TestStep.Samples(Samples()))
        {
            // Live: after the warm-up, one sample at a time once the last was judged, so no live window is dropped and
            // a drop could only be the warm-up burst's.
            BeforeStep = async written =>
            {
                var limit = DateTime.UtcNow + Eventually.Limit;
                while (!lossless && written > Warmup && pipeline!.Snapshot()[0].Judged < written - Window && DateTime.UtcNow < limit)
                {
                    await Task.Delay(1);
                }

                if (written == 699)
                {
                    droppedBeforeLastStep = pipeline!.Snapshot()[0].WindowsDropped;
                }
            },
        };
        pipeline = Create([Bind("pump", source, new FakeEngine(Manifest()))], [sink], options);

        await pipeline.RunToEndAsync();

        // Live, the end marker may still push the very last window out of a queue of one; nothing before it went.
        Assert.Equal(0, droppedBeforeLastStep);
        var s = pipeline.Snapshot()[0];
        Assert.Equal(700 - Window - s.WindowsDropped, s.Judged); // warm-up windows from sample W on, then one per sample
        var starts = sink.Events.Where(e => e.Phase == EventPhase.Start).ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, e => Assert.InRange(e.StartedAt, T0.AddSeconds(400), T0.AddSeconds(505)));
    }
}
