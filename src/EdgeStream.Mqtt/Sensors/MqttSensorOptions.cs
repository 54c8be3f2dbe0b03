using EdgeStream.Sensors.Payloads;

namespace EdgeStream.Mqtt.Sensors;

/// <summary>One MQTT sensor stream: the topic it listens to and how its payloads are read. The broker comes from the MQTT options.</summary>
public sealed class MqttSensorOptions
{
    /// <summary>Topic (filter) the samples arrive on. Wildcards are allowed but every match feeds the same stream.</summary>
    public required string Topic { get; init; }

    /// <summary>Payload format. Default <see cref="SensorPayloadFormat.Auto"/>.</summary>
    public SensorPayloadFormat Format { get; init; } = SensorPayloadFormat.Auto;

    /// <summary>
    /// Channel names, in stream order: the keys of the by-name JSON form and the names in reject reasons.
    /// Default: <c>ch0</c>, <c>ch1</c>, ... for the stream's channel count.
    /// </summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Largest payload taken; a larger message is refused whole and counted as rejected. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; init; } = 1 << 20;

    /// <summary>How often the connection state is checked to report the stream offline. Default 1 s.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Topic) || Topic.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Topic}' is not an MQTT topic.", nameof(Topic));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPayloadBytes);
        if (HealthInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HealthInterval), HealthInterval, "HealthInterval must be positive.");
        }
    }

    internal IReadOnlyList<string> ChannelNamesFor(int channelCount) =>
        Channels is { Count: > 0 } names ? names : [.. Enumerable.Range(0, channelCount).Select(i => $"ch{i}")];
}
