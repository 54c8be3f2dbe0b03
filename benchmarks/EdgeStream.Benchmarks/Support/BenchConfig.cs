using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace EdgeStream.Benchmarks;

/// <summary>
/// Shared settings: allocations per operation (the target is 0 B), a short job (the edge boxes and CI machines have
/// 2 busy cores, so fewer, longer iterations beat many short ones), ratios against each class's baseline, microseconds.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond);
        Options |= ConfigOptions.JoinSummary;
    }
}
