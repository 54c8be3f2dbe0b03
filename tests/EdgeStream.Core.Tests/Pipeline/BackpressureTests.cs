using EdgeStream.Core.Events;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

public sealed class BackpressureTests
{
    [Fact]
    public async Task RunAsync_SlowEncoder_StepsDroppedCountedAndBuffersReturned()
    {
        var engine = new FakeEngine(Action(), split: true) { EncodeGate = new ManualResetEventSlim(false) };
        var source = new ListSource("cam1", TestStep.Frames(Repeat(1, 50)));
        var pipeline = Create([Bind("cam1", source, engine)], [new CollectingSink()], new PipelineOptions { StepQueue = 2 });

        var run = pipeline.RunToEndAsync();
        await source.Done.WaitAsync(TestTimeout);
        engine.EncodeGate.Set();
        await run;

        var s = pipeline.Snapshot()[0];
        Assert.Equal(50, s.Steps);
        Assert.True(s.StepsDropped > 0, "the encoder was blocked while 50 steps arrived; some must have been dropped");
        Assert.Equal(50, s.StepsDropped + engine.EncodedFrames); // every step is either dropped (and counted) or encoded once
        var pool = pipeline.Streams[0].Source.Pool;
        Assert.True(pool.Created <= 8, $"dropped steps must return their buffers to the pool; {pool.Created} were allocated");
    }

    [Fact]
    public async Task RunAsync_SensorBurstIntoAOneStepQueue_EverySampleReachesTheWindowStage()
    {
        // Samples are data, not frames (issue 14: one MQTT message of 30 samples lost 22 to a full step queue):
        // a sensor stream's writer waits for room where a camera's drops the oldest frame.
        var rows = Enumerable.Range(0, 2000).Select(t => new[] { (float)Math.Sin(t * 0.1), (float)Math.Cos(t * 0.1) });
        var source = new ListSource("plant", TestStep.Samples(rows));
        var pipeline = Create([Bind("plant", source, new FakeEngine(Anomaly()), o => o.Stride = 1)], [new CollectingSink()], new PipelineOptions { StepQueue = 1 });

        await pipeline.RunToEndAsync();

        var s = pipeline.Snapshot()[0];
        Assert.Equal((2000L, 0L), (s.Steps, s.StepsDropped));
        Assert.Equal(0, s.Resets);
    }

    [Fact]
    public async Task RunAsync_SlowModel_WindowsDroppedForFreshnessAndCounted()
    {
        var engine = new FakeEngine(Action(stride: 1)) { RunGate = new ManualResetEventSlim(false) };
        var source = new ListSource("cam1", TestStep.Frames(Repeat(1, 60)));
        // The step queue holds the whole clip: no step is dropped, so all 57 windows (60 steps, T = 4, stride 1) are made
        // while the model is blocked. With the default queue a slow step stage (a loaded machine) dropped a burst of steps,
        // the time gap reset the ring and fewer windows were made than the wait below expected.
        var pipeline = Create([Bind("cam1", source, engine)], [new CollectingSink()], new PipelineOptions { WindowQueue = 4, StepQueue = 64 });

        var run = pipeline.RunToEndAsync();
        await source.Done.WaitAsync(TestTimeout);
        await WaitUntilAsync(() => pipeline.Snapshot()[0].Windows >= 57, "the step stage to make all 57 windows");
        engine.RunGate.Set();
        await run;

        var s = pipeline.Snapshot()[0];
        Assert.Equal(0, s.StepsDropped);
        Assert.True(s.WindowsDropped > 0, "the model was blocked; windows beyond the queue must be dropped");
        Assert.Equal(s.Windows, s.Judged + s.WindowsDropped);
    }

    [Fact]
    public async Task RunAsync_SlowSinkAndTinyEventQueue_NoEventLost()
    {
        // Many label changes: walk and fall alternate every 8 frames (enter = exit = 1).
        var labels = Enumerable.Range(0, 160).Select(i => (i / 8) % 2 == 0 ? 1 : 2);
        var sink = new CollectingSink { Delay = TimeSpan.FromMilliseconds(5) };
        var pipeline = Create(
            [Bind("cam1", new ListSource("cam1", TestStep.Frames(labels)), new FakeEngine(Action(enter: 1, exit: 1)))],
            [sink],
            new PipelineOptions { EventQueue = 1 });

        await pipeline.RunToEndAsync();

        var produced = pipeline.Snapshot()[0].Events;
        Assert.True(produced >= 2, $"expected events, got {produced}");
        Assert.Equal(produced, sink.Events.Count);
        Assert.Equal(Enumerable.Range(1, (int)produced).Select(i => (long)i), sink.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task RunAsync_FailingSink_OtherSinksGetEverythingAndFailuresCounted()
    {
        var broken = new CollectingSink("broken") { Fail = true };
        var good = new CollectingSink("good");
        var clip = TestStep.Frames([.. Repeat(0, 10), .. Repeat(1, 12), .. Repeat(0, 10)]);
        var pipeline = Create([Bind("cam1", new ListSource("cam1", clip), new FakeEngine(Action()))], [broken, good]);

        await pipeline.RunToEndAsync();

        Assert.Equal([(EventPhase.Start, "walk"), (EventPhase.End, "walk")], good.Events.Phases());
        Assert.Empty(broken.Events);
        Assert.True(pipeline.SinkFailures >= 2, $"sink failures: {pipeline.SinkFailures}");
    }
}
