using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline.Batching;

/// <summary>
/// The inference stage's batching across streams sharing one engine (the GPU path relies on it: one graph replay serves
/// many streams): fairness when one stream floods, the wait for streams without a window, and that wait's limit.
/// Padding a partial batch to a captured size is the GPU engine's (tests/EdgeStream.Onnx.Tests/Gpu).
/// </summary>
public sealed class CrossStreamBatchingTests
{
    private const int Hot = 1;
    private const int Quiet1 = 2;
    private const int Quiet2 = 3;

    [Fact]
    public async Task RunAsync_OneStreamFloodsFirst_QuietStreamsStillGetHalfOfEveryBatch()
    {
        // The hot stream's 60 windows all arrive before the quiet streams' 10 each: arrival order (FIFO) would serve
        // the quiet streams last; round-robin serves them within the first batches.
        var engine = new TagRecordingEngine(Action(stride: 1), maxBatch: 4) { RunGate = new ManualResetEventSlim(false) };
        var hot = new ListSource("hot", Tagged(Hot, 63));
        var quiet1 = new ListSource("quiet1", Tagged(Quiet1, 13)) { BeforeStep = _ => hot.Done };
        var quiet2 = new ListSource("quiet2", Tagged(Quiet2, 13)) { BeforeStep = _ => hot.Done };
        var pipeline = Create(
            [Bind("hot", hot, engine), Bind("quiet1", quiet1, engine), Bind("quiet2", quiet2, engine)],
            [new CollectingSink()],
            new PipelineOptions { StepQueue = 1000, WindowQueue = 400, MaxBatchWaitMs = 0 });

        var run = pipeline.RunToEndAsync();
        await WaitUntilAsync(() => pipeline.Snapshot().Sum(s => s.Windows) == 80, "all 80 windows to be queued behind the blocked first batch");
        engine.RunGate!.Set();
        await run;

        var batches = engine.Batches;
        Assert.Equal(80, batches.Sum(b => b.Length));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 4));
        var lastQuiet = LastIndex(batches, b => b.Contains(Quiet1) || b.Contains(Quiet2));
        Assert.True(lastQuiet <= 11, $"the quiet streams' 20 windows must be served at >= 2 per batch of 4; their last was in batch {lastQuiet} of {batches.Count}: {Describe(batches)}");
        for (var i = 1; i < lastQuiet; i++)
        {
            Assert.True(batches[i].Count(t => t == Hot) <= 2, $"batch {i} gave the hot stream more than its share: {Describe(batches)}");
        }
    }

    [Fact]
    public async Task RunAsync_SecondStreamArrivesWithinMaxWait_BothWindowsRunInOneBatch()
    {
        var time = new WaitTimeProvider();
        var maxWait = TimeSpan.FromSeconds(10);
        var engine = new TagRecordingEngine(Action(stride: 1), maxBatch: 4);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = new ListSource("a", Tagged(Quiet1, 4));
        var b = new ListSource("b", Tagged(Quiet2, 4)) { BeforeStep = _ => release.Task };
        var pipeline = Create([Bind("a", a, engine), Bind("b", b, engine)], [new CollectingSink()], new PipelineOptions { MaxBatchWaitMs = maxWait.TotalMilliseconds }, time);

        var run = pipeline.RunToEndAsync();
        await WaitUntilAsync(() => time.HasTimer(maxWait), "the inference stage to wait for stream b");
        release.SetResult();
        await WaitUntilAsync(() => engine.Batches.Count > 0, "the first batch");
        await FinishAsync(run, time);

        Assert.Equal([Quiet1, Quiet2], engine.Batches[0].Order());
    }

    [Fact]
    public async Task RunAsync_OtherStreamSilent_PartialBatchRunsOnceMaxWaitPasses()
    {
        var time = new WaitTimeProvider();
        var maxWait = TimeSpan.FromMilliseconds(50);
        var engine = new TagRecordingEngine(Action(stride: 1), maxBatch: 4);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = new ListSource("a", Tagged(Quiet1, 4));
        var silent = new ListSource("silent", Tagged(Quiet2, 4)) { BeforeStep = _ => release.Task };
        var pipeline = Create([Bind("a", a, engine), Bind("silent", silent, engine)], [new CollectingSink()], new PipelineOptions { MaxBatchWaitMs = maxWait.TotalMilliseconds }, time);

        var run = pipeline.RunToEndAsync();
        await WaitUntilAsync(() => time.HasTimer(maxWait), "the inference stage to wait for the silent stream");
        time.Advance(maxWait - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.Empty(engine.Batches); // still within the wait
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => engine.Batches.Count > 0, "the partial batch after the max wait");
        release.SetResult();
        await FinishAsync(run, time);

        Assert.Equal([Quiet1], engine.Batches[0]);
    }

    [Fact]
    public async Task RunAsync_EngineWithInputStaging_BatchesAreAssembledInTheEnginesBuffer()
    {
        var engine = new TagRecordingEngine(Action(stride: 1), maxBatch: 4, staged: true);
        var pipeline = Create(
            [Bind("a", new ListSource("a", Tagged(Quiet1, 10)), engine), Bind("b", new ListSource("b", Tagged(Quiet2, 10)), engine)],
            [new CollectingSink()]);

        await pipeline.RunToEndAsync();

        Assert.Equal(14, engine.Batches.Sum(b => b.Length));
        Assert.Equal(0, engine.CallsNotFromStaging);
        Assert.Equal(7, engine.Batches.SelectMany(b => b).Count(t => t == Quiet1));
    }

    private static List<TestStep> Tagged(int tag, int frames) => TestStep.Frames(Enumerable.Repeat(0, frames), salience: _ => tag);

    /// <summary>Ends the run: streams that finished leave partial batches that wait on the fake clock, so keep it moving.</summary>
    private static async Task FinishAsync(Task run, WaitTimeProvider time)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await run;
    }

    private static int LastIndex(IReadOnlyList<int[]> batches, Func<int[], bool> match)
    {
        for (var i = batches.Count - 1; i >= 0; i--)
        {
            if (match(batches[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(IReadOnlyList<int[]> batches) => string.Join(" ", batches.Select(b => "[" + string.Join(",", b) + "]"));
}
