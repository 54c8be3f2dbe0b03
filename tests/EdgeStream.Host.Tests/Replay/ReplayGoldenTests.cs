using EdgeStream.Core.Events;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>
/// Every committed sample clip and CSV, replayed through the real pipeline and the real bundled models. A clip's start
/// labels equal its sidecar's expected sequence; a CSV's events lie inside the anomalies injected into it (no event
/// outside them, and the kinds the shipped rules find are pinned below). Both match the golden file exactly (phase,
/// label, times; score within tolerance).
/// </summary>
public sealed class ReplayGoldenTests(ITestOutputHelper output)
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("EDGESTREAM_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Inputs => Samples.AllNames();

    /// <summary>
    /// The injected anomalies each shipped rule finds. Not found: pump_8ch's 3-sample spike, averaged away by the
    /// chart's 20-sample residual mean (the chart is built for SKAB's long collective anomalies; docs/sensors.md).
    /// </summary>
    private static readonly Dictionary<string, string[]> Found = new(StringComparer.Ordinal)
    {
        ["univariate_anomalies"] = ["spike", "level_shift", "noise_burst"],
        ["pump_8ch_anomalies"] = ["level_shift", "stuck", "noise_burst"],
        ["pump_8ch_clean"] = [],
    };

    /// <summary>How long after an injected anomaly's last sample an event may still start or end (the chart's mean lags).</summary>
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Replay_CommittedSample_MatchesSidecarAndGolden(string sample)
    {
        var file = Path.Combine(TestEnvironment.RepoRoot, sample);

        var result = await ReplayHarness.RunWithPixelModelAsync(file);

        output.WriteLine(Summary.Render(result));
        var stream = Assert.Single(result.Streams);
        Assert.Null(stream.Failure);
        Assert.Equal(0, stream.Dropped);
        if (Samples.ExpectedSequence(file) is { } sequence)
        {
            Assert.Equal(sequence, stream.Labels);
        }
        else
        {
            AssertInsideInjected(Path.GetFileNameWithoutExtension(file), Samples.Injected(file), result.Events);
        }

        var goldenPath = GoldenEvents.PathFor(file);
        if (Update)
        {
            GoldenEvents.From(sample, stream.Labels, result.Events).Write(goldenPath);
        }

        Assert.True(File.Exists(goldenPath), $"no golden file {goldenPath}; create it with EDGESTREAM_UPDATE_GOLDEN=1 and review it");
        AssertMatchesGolden(GoldenEvents.Read(goldenPath), stream.Labels, result.Events);
    }

    internal static void AssertMatchesGolden(GoldenEvents golden, IReadOnlyList<string> labels, IReadOnlyList<DetectionEvent> events)
    {
        Assert.Equal(golden.Labels, labels);
        Assert.Equal(golden.Events.Select(e => $"{e.Phase} {e.Label}"), events.Select(e => $"{GoldenEvents.Phase(e.Phase)} {e.Label}"));
        foreach (var (want, got) in golden.Events.Zip(events))
        {
            var tolerance = golden.ScoreTolerance * Math.Max(1, Math.Abs(want.Score));
            Assert.True(Math.Abs(want.Score - got.Score) <= tolerance, $"{got.Phase} {got.Label}: score {got.Score} differs from golden {want.Score} by more than {tolerance}");
            Assert.Equal(want.StartedAt, got.StartedAt);
            Assert.Equal(want.EndedAt, got.EndedAt);
        }
    }

    /// <summary>Every event starts and ends inside an injected anomaly (up to <see cref="Lag"/> after it); the pinned kinds are found.</summary>
    private static void AssertInsideInjected(string sample, IReadOnlyList<(string Kind, DateTimeOffset Start, DateTimeOffset End)> injected, IReadOnlyList<DetectionEvent> events)
    {
        foreach (var e in events)
        {
            var end = e.EndedAt ?? e.StartedAt;
            Assert.True(
                injected.Any(a => e.StartedAt >= a.Start && e.StartedAt <= a.End + Lag && end <= a.End + Lag),
                $"{sample}: event {e.Phase} {e.StartedAt:O}..{end:O} lies outside every injected anomaly");
        }

        var found = injected.Where(a => events.Any(e => e.Phase == EventPhase.Start && e.StartedAt >= a.Start && e.StartedAt <= a.End + Lag)).Select(a => a.Kind);
        Assert.Equal(Found[sample], found);
    }
}

/// <summary>The replay command's summary table, for test output.</summary>
internal static class Summary
{
    public static string Render(ReplayResult result) => Host.Cli.ReplayCommand.Render(result);
}
