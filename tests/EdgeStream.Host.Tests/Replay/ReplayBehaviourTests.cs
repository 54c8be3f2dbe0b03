using EdgeStream.Core.Events;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

public sealed class ReplayBehaviourTests(ITestOutputHelper output)
{
    private static string PumpCsv => Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv");

    private static string FallClip => Path.Combine(TestEnvironment.Clips, "fall.mp4");

    [Fact]
    public async Task Replay_FallClip_YieldsFallStartAndEnd()
    {
        var result = await ReplayHarness.RunWithPixelModelAsync(FallClip);

        output.WriteLine(Summary.Render(result));
        var falls = result.Events.Where(e => e.Label == "fall").Select(e => e.Phase).ToList();
        Assert.Equal(EventPhase.Start, falls[0]);
        Assert.Equal(EventPhase.End, falls[^1]);
    }

    [Fact]
    public async Task Replay_SameInputTwice_GivesIdenticalEventsWithTheSameIds()
    {
        // A replay killed and started again re-sends what it had delivered: with the same ids, a subscriber drops them.
        var first = await ReplayHarness.RunWithPixelModelAsync(FallClip, PumpCsv);
        var second = await ReplayHarness.RunWithPixelModelAsync(FallClip, PumpCsv);

        Assert.NotEmpty(first.Events);
        Assert.Equal(Comparable(first.Events), Comparable(second.Events));
    }

    [Fact]
    public async Task Replay_CorruptClipBesideGoodCsv_FailsOnlyTheClipStream()
    {
        using var temp = new TempConfig("{}");
        var corrupt = temp.AddFile("corrupt.mp4", "this is not a video, only text pretending to be one");

        var result = await ReplayHarness.RunAsync(corrupt, PumpCsv);

        output.WriteLine(Summary.Render(result));
        Assert.True(result.Failed);
        Assert.NotNull(result.Streams.Single(s => s.Stream == "corrupt").Failure);
        var pump = result.Streams.Single(s => s.Stream == "pump_8ch_anomalies");
        Assert.Null(pump.Failure);
        Assert.Equal(GoldenEvents.Read(GoldenEvents.PathFor(PumpCsv)).Labels, pump.Labels); // as when it replays alone
    }

    [Fact]
    public async Task Replay_MalformedSensorRows_AreRejectedCountedAndTheRestRuns()
    {
        using var temp = new TempConfig("{}");
        var lines = File.ReadAllLines(PumpCsv);
        var columns = lines[0].Split(',').Length;
        lines[10] = "not-a-time," + string.Join(',', Enumerable.Repeat("1", columns - 1));
        lines[20] = lines[20].Split(',')[0] + ",abc" + string.Concat(Enumerable.Repeat(",1", columns - 2));
        lines[30] = lines[30].Split(',')[0] + ",NaN" + string.Concat(Enumerable.Repeat(",1", columns - 2));
        lines[40] = lines[40].Split(',')[0] + ",1";
        var damaged = temp.AddFile("pump_damaged.csv", string.Join('\n', lines) + "\n");

        var result = await ReplayHarness.RunAsync(damaged);

        output.WriteLine(Summary.Render(result));
        var stream = Assert.Single(result.Streams);
        Assert.Null(stream.Failure);
        Assert.Equal(4, stream.Rejected);
        Assert.Equal(lines.Length - 1 - 4, stream.Frames);
        Assert.Contains("anomaly", stream.Labels);
    }

    [Fact]
    public async Task Replay_Out_WritesEveryEventAsJsonLines()
    {
        using var temp = new TempConfig("{}");
        var outFile = Path.Combine(temp.Directory, "events.jsonl");

        var result = await ReplayHarness.RunAsync(new ReplayRequest([PumpCsv]) { Out = outFile });

        var written = File.ReadAllLines(outFile).Select(l => Core.Events.Serialization.EventJson.DeserializeEvent(System.Text.Encoding.UTF8.GetBytes(l))).ToList();
        Assert.Equal(result.Events.Select(e => e.Id), written.Select(e => e.Id));
    }

    private static List<string> Comparable(IEnumerable<DetectionEvent> events) =>
        [.. events.Select(e => $"{e.Id} {e.Stream} {e.Sequence} {e.Phase} {e.Label} {e.Score:R} {e.Timestamp:O} {e.StartedAt:O} {e.EndedAt:O} {e.Window.FirstFrame}-{e.Window.LastFrame}")];
}
