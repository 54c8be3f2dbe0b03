using EdgeStream.Core.Pipeline;
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
        // Four measured stretches; the quietest one counts, so a one-off burst elsewhere in the process (a tier-up
        // compile, a leftover timer) cannot fail the test, while an allocation per step shows in every stretch.
        const int warmup = 3000;
        const int stretch = 4000;
        const int stretches = 4;
        var marks = new long[stretches + 1];
        using var sampler = new AllocationSampler();
        var frames = TestStep.Frames(Repeat(0, warmup + (stretch * stretches) + 100)); // "idle" only: no events, which do allocate
        var source = new ListSource("cam1", frames)
        {
            BeforeStep = i =>
            {
                if (i >= warmup && (i - warmup) % stretch == 0 && (i - warmup) / stretch <= stretches)
                {
                    marks[(i - warmup) / stretch] = GC.GetTotalAllocatedBytes(precise: true);
                    if (i == warmup)
                    {
                        sampler.Start();
                    }
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
        sampler.Stop();

        var perStep = Enumerable.Range(0, stretches).Select(k => (double)(marks[k + 1] - marks[k]) / stretch).ToArray();
        var s = pipeline.Snapshot()[0];
        output.WriteLine($"bytes per step in each stretch of {stretch}: {string.Join(", ", perStep.Select(b => b.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; {s.Judged} windows judged, {s.StepsDropped} steps dropped");
        output.WriteLine($"allocation samples (~100 KB each): {sampler.Report()}");
        Assert.True(s.Judged > stretch / 2, "the measured steps must really have gone through inference");
        Assert.True(perStep.Min() < 4, $"{perStep.Min():F2} bytes allocated per step in the quietest stretch; samples: {sampler.Report()}");
    }
}
