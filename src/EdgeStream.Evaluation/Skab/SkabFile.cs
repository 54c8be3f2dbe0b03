namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// One SKAB v0.9 data file: 1 Hz rows of the 8 sensor channels and, in the 34 labelled files, the per-row
/// <c>anomaly</c> and <c>changepoint</c> labels. Immutable; built by <see cref="SkabCsv"/> or by hand in tests.
/// </summary>
public sealed class SkabFile
{
    private readonly DateTime[] _timestamps;
    private readonly double[] _channels;
    private readonly bool[]? _anomaly;
    private readonly bool[]? _changepoint;

    /// <summary>A file from its rows.</summary>
    /// <param name="name">The corpus name, the path below data/ without <c>.csv</c>: <c>valve1/0</c>, <c>other/14</c>.</param>
    /// <param name="timestamps">One per row, strictly increasing (the NAB variant's windows are in time, not rows).</param>
    /// <param name="channels">Row-major, <see cref="ChannelCount"/> values per row, in <see cref="ChannelNames"/> order.</param>
    /// <param name="anomaly">The anomaly label per row, or null for the anomaly-free file; given with <paramref name="changepoint"/>.</param>
    /// <param name="changepoint">The changepoint label per row, or null with <paramref name="anomaly"/>.</param>
    public SkabFile(string name, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> channels, IReadOnlyList<bool>? anomaly, IReadOnlyList<bool>? changepoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count != timestamps.Count * ChannelCount)
        {
            throw new ArgumentException($"{name}: {channels.Count} channel values for {timestamps.Count} rows (want {ChannelCount} a row)", nameof(channels));
        }

        if ((anomaly is null) != (changepoint is null))
        {
            throw new ArgumentException($"{name}: the anomaly and changepoint labels come together or not at all");
        }

        if (anomaly is not null && (anomaly.Count != timestamps.Count || changepoint!.Count != timestamps.Count))
        {
            throw new ArgumentException($"{name}: {anomaly.Count} anomaly and {changepoint!.Count} changepoint labels for {timestamps.Count} rows");
        }

        for (var i = 1; i < timestamps.Count; i++)
        {
            if (timestamps[i] <= timestamps[i - 1])
            {
                throw new ArgumentException($"{name}: row {i} at {timestamps[i]:yyyy-MM-dd HH:mm:ss} is not after row {i - 1}", nameof(timestamps));
            }
        }

        Name = name;
        _timestamps = [.. timestamps];
        _channels = [.. channels];
        _anomaly = anomaly is null ? null : [.. anomaly];
        _changepoint = changepoint is null ? null : [.. changepoint];
    }

    /// <summary>The sensor channels of every SKAB file, in column order.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } =
    [
        "Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
        "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS",
    ];

    /// <summary>8: the width of a row of <see cref="Channels"/>.</summary>
    public const int ChannelCount = 8;

    /// <summary>The corpus name: <c>valve1/0</c> .. <c>other/14</c>, or <see cref="SkabCorpus.AnomalyFreeName"/>.</summary>
    public string Name { get; }

    public int RowCount => _timestamps.Length;

    /// <summary>The rows' times (the files' <c>datetime</c> column, read as UTC).</summary>
    public IReadOnlyList<DateTime> Timestamps => _timestamps;

    /// <summary>False for the anomaly-free file, which has no label columns.</summary>
    public bool IsLabelled => _anomaly is not null;

    /// <summary>The anomaly label per row (true = 1), or null when the file is not labelled.</summary>
    public IReadOnlyList<bool>? Anomaly => _anomaly;

    /// <summary>The changepoint label per row (true = 1), or null when the file is not labelled.</summary>
    public IReadOnlyList<bool>? Changepoint => _changepoint;

    /// <summary>The <see cref="ChannelCount"/> sensor values of <paramref name="row"/>, in <see cref="ChannelNames"/> order.</summary>
    public ReadOnlySpan<double> Channels(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return _channels.AsSpan(row * ChannelCount, ChannelCount);
    }

    public override string ToString() => $"{Name} ({RowCount} rows)";
}
