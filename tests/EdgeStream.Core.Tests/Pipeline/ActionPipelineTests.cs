using EdgeStream.Core.Events;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

public sealed class ActionPipelineTests
{
    // 10 idle, 12 walk, 10 idle frames at 10 fps; T = 4, stride 2: windows end at frames 3, 5, ..., 31.
    // Windows with >= 3 walk frames score p(walk) = 0.84: those ending at 13..21. Start on the second (15),
    // dated to the first (13 -> 1.3 s); end after two windows below (23, 25), dated to the last above (21 -> 2.1 s).
    private static List<TestStep> Clip() => TestStep.Frames([.. Repeat(0, 10), .. Repeat(1, 12), .. Repeat(0, 10)], salience: i => i == 14 ? 1 : 0);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_FiniteClip_StartAndEndEventsAndEveryWindowJudged(bool split)
    {
        var engine = new FakeEngine(Action(), split);
        var sink = new CollectingSink();
        var pipeline = Create([Bind("cam1", new ListSource("cam1", Clip()), engine)], [sink]);

        await pipeline.RunToEndAsync();

        Assert.Equal([(EventPhase.Start, "walk"), (EventPhase.End, "walk")], sink.Events.Phases());
        var (start, end) = (sink.Events[0], sink.Events[1]);
        Assert.Equal(T0.AddSeconds(1.3), start.StartedAt);
        Assert.Equal(T0.AddSeconds(1.5), start.Timestamp);
        Assert.Equal(new WindowInfo(12, 15, T0.AddSeconds(1.2), T0.AddSeconds(1.5), 4, 0), start.Window);
        Assert.Equal(14, start.Attention!.KeyFrame);
        Assert.Equal(T0.AddSeconds(2.1), end.EndedAt);
        Assert.Equal(("dev1", "cam1", split ? "split" : "fused"), (start.Device, start.Stream, engine.Info.Layout));
        var s = Assert.Single(pipeline.Snapshot());
        Assert.Equal((32L, 0L, 15L, 15L, 0L, 2L, 0L), (s.Steps, s.StepsDropped, s.Windows, s.Judged, s.WindowsDropped, s.Events, s.Errors));
        Assert.Equal(split ? 32 : 0, engine.EncodedFrames); // split: each frame encoded exactly once
        Assert.Equal(2, pipeline.EventsPublished);
        Assert.Equal(T0.AddSeconds(3.1), pipeline.LastStepTimestamp);
    }

    [Fact]
    public async Task RunAsync_FiniteClip_StatusAndStatePublishedEndingOffline()
    {
        var sink = new CollectingSink();
        var pipeline = Create([Bind("cam1", new ListSource("cam1", Clip()), new FakeEngine(Action()))], [sink]);

        await pipeline.RunToEndAsync();

        Assert.Equal(StreamHealth.Online, sink.Statuses[0].Health);
        var last = sink.Statuses[^1];
        Assert.Equal((StreamHealth.Offline, "ended", 32L, 2L), (last.Health, last.Reason, last.Steps, last.Events));
        Assert.Contains(sink.States, s => s.ActiveLabel == "walk");
        Assert.Null(sink.States[^1].ActiveLabel);
    }

    [Fact]
    public async Task RunAsync_SourceAtTwiceModelRate_ResampledToModelFps()
    {
        // 30 fps source, 15 fps model: every other frame is used, so each label lasts half as many model steps.
        var labels = TestStep.Frames([.. Repeat(0, 20), .. Repeat(2, 24), .. Repeat(0, 20)], fps: 30);
        var engine = new FakeEngine(Action(fps: 15), split: true);
        var sink = new CollectingSink();
        var pipeline = Create([Bind("cam1", new ListSource("cam1", labels), engine)], [sink]);

        await pipeline.RunToEndAsync();

        Assert.Equal(32, engine.EncodedFrames);
        Assert.Equal([(EventPhase.Start, "fall"), (EventPhase.End, "fall")], sink.Events.Phases());
        Assert.Equal(15, pipeline.Snapshot()[0].Judged);
    }

    [Fact]
    public async Task RunAsync_TwoStreamsShareAnEngine_BatchedTogetherEachJudgedOnItsOwn()
    {
        var engine = new FakeEngine(Action()) { RunGate = new ManualResetEventSlim(false) };
        var a = new ListSource("a", Clip());
        var b = new ListSource("b", TestStep.Frames([.. Repeat(2, 16), .. Repeat(0, 16)]));
        var sink = new CollectingSink();
        var pipeline = Create([Bind("a", a, engine), Bind("b", b, engine)], [sink], new PipelineOptions { Lossless = true, WindowQueue = 64 });

        var run = pipeline.RunToEndAsync();
        await Task.WhenAll(a.Done, b.Done).WaitAsync(TestTimeout);
        await WaitUntilAsync(() => pipeline.Snapshot().Sum(s => s.Windows) == 30, "all windows to be emitted");
        engine.RunGate.Set(); // the first batch was held up; the others pile up and go in shared batches
        await run;

        Assert.True(engine.MaxBatchSeen > 1, $"largest batch: {engine.MaxBatchSeen}");
        Assert.Equal(30, engine.WindowsRun);
        Assert.Equal([(EventPhase.Start, "walk"), (EventPhase.End, "walk")], sink.Events.Where(e => e.Stream == "a").Phases());
        Assert.Equal([(EventPhase.Start, "fall"), (EventPhase.End, "fall")], sink.Events.Where(e => e.Stream == "b").Phases());
        Assert.Equal([1L, 2L], sink.Events.Where(e => e.Stream == "b").Select(e => e.Sequence));
    }

    [Fact]
    public async Task RunAsync_GapInTimestamps_RingResetAndCounted()
    {
        var steps = TestStep.Frames(Repeat(1, 20));
        for (var i = 10; i < 20; i++)
        {
            steps[i] = steps[i] with { Timestamp = steps[i].Timestamp.AddSeconds(10) };
        }

        var pipeline = Create([Bind("cam1", new ListSource("cam1", steps), new FakeEngine(Action()))], [new CollectingSink()]);

        await pipeline.RunToEndAsync();

        var s = pipeline.Snapshot()[0];
        Assert.Equal(1, s.Resets);
        Assert.Equal(8, s.Windows); // 4 before the gap (ending at 3, 5, 7, 9), 4 after it (13, 15, 17, 19)
    }
}
