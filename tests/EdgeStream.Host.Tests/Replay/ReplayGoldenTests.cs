using EdgeStream.Core.Events;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>
/// Every committed sample clip and CSV, replayed through the real pipeline and the real bundled models: the start
/// labels equal the sidecar's expected sequence and the golden file; every event matches its golden counterpart
/// (phase, label exact; score within tolerance).
/// </summary>
public sealed class ReplayGoldenTests(ITestOutputHelper output)
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("EDGESTREAM_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Inputs => Samples.AllNames();

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
        var (expectedLabels, spans) = Samples.Expected(file);
        Assert.Equal(expectedLabels, stream.Labels);
        AssertSpans(spans, result.Events);

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

    /// <summary>Sensor sidecars give each expected event's first and last anomalous sample; the events must start and end there.</summary>
    private static void AssertSpans(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> spans, IReadOnlyList<DetectionEvent> events)
    {
        var starts = events.Where(e => e.Phase == EventPhase.Start).ToList();
        var ends = events.Where(e => e.Phase == EventPhase.End).ToList();
        for (var i = 0; i < spans.Count; i++)
        {
            Assert.Equal(spans[i].Start, starts[i].StartedAt);
            if (spans[i].End is { } end)
            {
                Assert.Equal(end, ends[i].EndedAt);
            }
        }
    }
}

/// <summary>The replay command's summary table, for test output.</summary>
internal static class Summary
{
    public static string Render(ReplayResult result) => Host.Cli.ReplayCommand.Render(result);
}
