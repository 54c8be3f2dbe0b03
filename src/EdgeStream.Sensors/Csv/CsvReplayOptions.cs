namespace EdgeStream.Sensors.Csv;

/// <summary>How a CSV file is replayed as a sensor stream.</summary>
public sealed class CsvReplayOptions
{
    /// <summary>The file. A header row names the timestamp column and the channel columns.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Channel columns to replay, in this order (matched by name: exact, else ignoring case and white space,
    /// so the model's <c>VolumeFlowRateRMS</c> finds SKAB's <c>Volume Flow RateRMS</c>). Default: every column
    /// except the timestamp and ground-truth label columns (<see cref="CsvLayout.LabelColumns"/>).
    /// </summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Name of the timestamp column. Default: the first of timestamp, datetime, time, ts, date; else the first column.</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>Start over when the file ends; timestamps keep rising (each pass is shifted past the last). Default false.</summary>
    public bool Loop { get; init; }

    /// <summary>Pace samples by their timestamp deltas (true) or replay as fast as possible (false). Default true.</summary>
    public bool RealTime { get; init; } = true;

    /// <summary>Real-time speed factor: 60 plays a minute of data per second. Must be positive. Default 1.</summary>
    public double Speed { get; init; } = 1;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("A CSV replay needs a file path.", nameof(Path));
        }

        if (!double.IsFinite(Speed) || Speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "Speed must be a positive number.");
        }
    }
}
