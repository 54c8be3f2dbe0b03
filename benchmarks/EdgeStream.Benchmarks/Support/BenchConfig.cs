using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace EdgeStream.Benchmarks;

/// <summary>
/// Shared settings: allocations per operation (the target is 0 B), a short job (the edge boxes and CI machines have
/// 2 busy cores, so fewer, longer iterations beat many short ones), ratios against each class's baseline (one summary per class), microseconds.
/// In-process: BenchmarkDotNet does not generate and rebuild a copy of the solution (minutes on a small box, and it
/// would build into the projects' own bin/obj); the price is no process isolation between benchmarks.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("short-inprocess"))
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));
}
