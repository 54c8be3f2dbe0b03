using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

/// <summary>
/// A series sampled every 5 minutes (NAB's steps) through the whole pipeline. With the old fixed 2 s gap limit every
/// step reset the window, 0 windows were judged, and only a per-step Information line said why.
/// </summary>
public sealed class SparseSeriesTests
{
    private const int Window = 4;
    private const double EveryFiveMinutes = 1.0 / 300;

    private static List<TestStep> Steps() =>
        TestStep.Samples(Enumerable.Range(0, 60).Select(t => new[] { (float)Math.Sin(t * 0.3), (float)Math.Cos(t * 0.7) }), EveryFiveMinutes);

    private static ModelManifest Manifest() =>
        Anomaly(channels: 2, window: Window, new NormalisationSpec { Kind = "fixed", Mean = [0, 0], Std = [1, 1] });

    [Fact]
    public async Task RunAsync_FiveMinuteStepsWithTheDefaultLimit_EveryStepAfterTheFirstWindowIsJudged()
    {
        var pipeline = Create([Bind("nab", new ListSource("nab", Steps()), new FakeEngine(Manifest()))], [new CollectingSink()], new PipelineOptions { Lossless = true });

        await pipeline.RunToEndAsync();

        var s = pipeline.Snapshot()[0];
        Assert.Equal(60 - Window, s.Judged); // a window needs W + 1 samples, then one per sample
        Assert.Equal(0, s.Resets);
        Assert.Null(s.Starved);
    }

    [Fact]
    public async Task RunAsync_AFixedLimitBelowTheStep_SaysWhyNothingIsJudged()
    {
        var pipeline = Create([Bind("nab", new ListSource("nab", Steps()), new FakeEngine(Manifest()), o => o.MaxGapSeconds = 2)], [new CollectingSink()], new PipelineOptions { Lossless = true });

        await pipeline.RunToEndAsync();

        var s = pipeline.Snapshot()[0];
        Assert.Equal(0, s.Judged);
        Assert.Equal(59, s.Resets);
        Assert.NotNull(s.Starved);
        Assert.Contains("MaxGapSeconds=2", s.Starved, StringComparison.Ordinal);
        Assert.Contains("the last 300 s", s.Starved, StringComparison.Ordinal);
        Assert.Contains("never fills", s.Starved, StringComparison.Ordinal);
    }
}
