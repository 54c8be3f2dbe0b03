using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EdgeStream.Benchmarks.Batching;

/// <summary>Columns that divide a call's mean time by its batch (the benchmark's <c>Batch</c> parameter): time per item and items per second.</summary>
public sealed class PerItemColumns : IColumn
{
    private readonly bool _rate;

    private PerItemColumns(bool rate) => _rate = rate;

    public string Id => _rate ? "items-per-second" : "time-per-item";

    public string ColumnName => _rate ? "items/s" : "per item [us]";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _rate ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _rate ? "Items (windows or frames) per second: Batch / Mean" : "Mean divided by Batch, in microseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || benchmarkCase.Parameters["Batch"] is not int batch)
        {
            return "NA";
        }

        // Mean is in nanoseconds.
        var perItemNs = stats.Mean / batch;
        return _rate
            ? (1e9 / perItemNs).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : (perItemNs / 1000).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Adds both columns to the shared configuration.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new PerItemColumns(rate: false), new PerItemColumns(rate: true));
    }
}
