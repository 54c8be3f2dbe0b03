using EdgeStream.Core.Events;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

public sealed class LifecycleTests
{
    [Fact]
    public async Task RunAsync_Cancelled_SourcesStopQueuedWorkDrainsOpenEventsEnd()
    {
        // A looping clip used as a camera; it never ends on its own.
        var clip = TestStep.Frames([.. Repeat(0, 6), .. Repeat(1, 10)]);
        var source = new ListSource("cam1", clip) { Loop = true, BeforeStep = i => i % 16 == 0 ? Task.Delay(1) : Task.CompletedTask };
        var sink = new CollectingSink();
        var pipeline = Create([Bind("cam1", source, new FakeEngine(Action(enter: 1, exit: 3)))], [sink], new PipelineOptions());
        using var cts = new CancellationTokenSource();

        var run = pipeline.RunToEndAsync(cts.Token);
        await WaitUntilAsync(() => sink.Events.Count >= 3, "a few events");
        await cts.CancelAsync();
        await run;

        var s = pipeline.Snapshot()[0];
        Assert.Equal(s.Windows, s.Judged + s.WindowsDropped); // nothing left behind in the queues
        var events = sink.Events;
        Assert.Equal(events.Count(e => e.Phase == EventPhase.Start), events.Count(e => e.Phase == EventPhase.End));
        Assert.Equal((StreamHealth.Offline, "stopped"), (sink.Statuses[^1].Health, sink.Statuses[^1].Reason));
    }

    [Fact]
    public async Task RunAsync_SourceGivesUp_ItsStreamOfflineWithReasonOthersRunToTheEnd()
    {
        var clip = TestStep.Frames([.. Repeat(0, 10), .. Repeat(1, 12), .. Repeat(0, 10)]);
        var engine = new FakeEngine(Action());
        var sink = new CollectingSink();
        var pipeline = Create(
            [Bind("bad", new ListSource("bad", clip[..8]) { FailAtEnd = new IOException("camera unplugged") }, engine), Bind("good", new ListSource("good", clip), engine)],
            [sink]);

        await pipeline.RunToEndAsync();

        var bad = sink.Statuses.Last(s => s.Stream == "bad");
        Assert.Equal(StreamHealth.Offline, bad.Health);
        Assert.Contains("camera unplugged", bad.Reason, StringComparison.Ordinal);
        Assert.Equal([(EventPhase.Start, "walk"), (EventPhase.End, "walk")], sink.Events.Where(e => e.Stream == "good").Phases());
    }

    [Fact]
    public async Task RunAsync_EngineThrowsOnABatch_CountedAndTheStreamGoesOn()
    {
        var engine = new FakeEngine(Action()) { FailOnRun = 1 };
        var clip = TestStep.Frames([.. Repeat(0, 10), .. Repeat(1, 12), .. Repeat(0, 10)]);
        var sink = new CollectingSink();
        var pipeline = Create([Bind("cam1", new ListSource("cam1", clip), engine)], [sink]);

        await pipeline.RunToEndAsync();

        // The failed batch's windows are counted as errors (how many depends on how far the step stage ran ahead).
        var s = pipeline.Snapshot()[0];
        Assert.InRange(s.Errors, 1, 8);
        Assert.Equal(15, s.Judged + s.Errors);
        Assert.Equal([(EventPhase.Start, "walk"), (EventPhase.End, "walk")], sink.Events.Phases());
    }

    [Fact]
    public async Task RunAsync_CalledTwice_Throws()
    {
        var pipeline = Create([Bind("cam1", new ListSource("cam1", TestStep.Frames(Repeat(0, 4))), new FakeEngine(Action()))], []);
        await pipeline.RunToEndAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(CancellationToken.None));
    }

    [Fact]
    public void Constructor_WindowLengthOverrideOnFixedModel_ThrowsNamingTheStream()
    {
        var binding = Bind("cam7", new ListSource("cam7", []), new FakeEngine(Action()), o => o.WindowLength = 8);

        var ex = Assert.Throws<ArgumentException>(() => Create([binding], []));

        Assert.Contains("cam7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WindowLength", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateStreamIds_Throws()
    {
        var engine = new FakeEngine(Action());

        Assert.Throws<ArgumentException>(() => Create([Bind("x", new ListSource("x", []), engine), Bind("x", new ListSource("x", []), engine)], []));
    }

    [Fact]
    public void Constructor_BadQueueSize_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => Create([Bind("x", new ListSource("x", []), new FakeEngine(Action()))], [], new PipelineOptions { StepQueue = 0 }));

        Assert.Contains("Pipeline:StepQueue", ex.Message, StringComparison.Ordinal);
    }
}
