namespace EdgeStream.Sensors.Factory;

/// <summary>
/// One sensor stream to create. Settings in the URI's query (<c>?speed=60&amp;channels=a,b</c>) override these.
/// </summary>
public sealed record SensorStreamRequest(string StreamId, string Uri)
{
    /// <summary>CSV: start over at the end of the file. Default false.</summary>
    public bool Loop { get; init; }

    /// <summary>CSV: pace by timestamps (true) or as fast as possible (false). Default true.</summary>
    public bool RealTime { get; init; } = true;

    /// <summary>CSV: real-time speed factor. Default 1.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Channel names in stream order (typically the anomaly model's <c>input.channelNames</c>). Default: see the sources.</summary>
    public IReadOnlyList<string>? Channels { get; init; }
}
