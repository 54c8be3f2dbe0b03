using EdgeStream.Core.Configuration;
using EdgeStream.Core.Tests.Support;
using Xunit.Abstractions;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Allocation measurements (run alone)";
}

/// <summary>
/// The whole data path (writer, step channel, step stage, split encoder batch, ring, window channel, inference
/// stage, decider) in steady state. Process-wide allocation is measured, so the test runs alone; the bound leaves
/// room for runtime noise (tiered JIT, thread pool) but not for anything allocated per step (the smallest object is 24 bytes).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class PipelineAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_SteadyState_NoAllocationPerStep()
    {
        const int warmup = 3000;
        const int measured = 6000;
        long before = 0, after = 0;
        var frames = TestStep.Frames(Repeat(0, warmup + measured + 100)); // "idle" only: no events, which do allocate
        var source = new ListSource("cam1", frames)
        {
            BeforeStep = i =>
            {
                if (i == warmup)
                {
                    before = GC.GetTotalAllocatedBytes(precise: true);
                }
                else if (i == warmup + measured)
                {
                    after = GC.GetTotalAllocatedBytes(precise: true);
                }

                // Paced like a camera, by sleeping: Task.Delay would allocate in the source itself.
                if (i % 4 == 0)
                {
                    Thread.Sleep(1);
                }

                return Task.CompletedTask;
            },
        };
        var engine = new FakeEngine(Action(), split: true);
        var options = new PipelineOptions { StatusIntervalSeconds = 3600, MaxBatchWaitMs = 0 };
        var pipeline = Create([Bind("cam1", source, engine)], [new CollectingSink()], options);

        await pipeline.RunToEndAsync();

        var perStep = (double)(after - before) / measured;
        var s = pipeline.Snapshot()[0];
        output.WriteLine($"{after - before} bytes over {measured} steps: {perStep:F2} bytes/step; {s.Judged} windows judged, {s.StepsDropped} steps dropped");
        Assert.True(s.Judged > measured / 4, "the measured steps must really have gone through inference");
        Assert.True(perStep < 8, $"{perStep:F2} bytes allocated per step in steady state");
    }
}
