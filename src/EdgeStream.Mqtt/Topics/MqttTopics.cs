namespace EdgeStream.Mqtt.Topics;

/// <summary>
/// The topic layout of docs/events.md ("Topics"), in one place:
/// <c>{prefix}/{device}/status</c> (retained), <c>{prefix}/{device}/{stream}/status</c> (retained),
/// <c>{prefix}/{device}/{stream}/events</c> (QoS 1, not retained), <c>{prefix}/{device}/{stream}/state</c> (retained).
/// </summary>
public sealed class MqttTopics
{
    public const string StatusLeaf = "status";
    public const string EventsLeaf = "events";
    public const string StateLeaf = "state";
    public const string SnapshotLeaf = "snapshot";

    public MqttTopics(string prefix, string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Prefix = prefix;
        Device = CheckSegment(device, nameof(device));
        DeviceStatus = $"{prefix}/{device}/{StatusLeaf}";
    }

    public string Prefix { get; }

    public string Device { get; }

    /// <summary><c>{prefix}/{device}/status</c>: the device's online inventory, or offline (last will).</summary>
    public string DeviceStatus { get; }

    public string StreamStatus(string stream) => StreamTopic(stream, StatusLeaf);

    public string Events(string stream) => StreamTopic(stream, EventsLeaf);

    public string State(string stream) => StreamTopic(stream, StateLeaf);

    public string Snapshot(string stream) => StreamTopic(stream, SnapshotLeaf);

    /// <summary>
    /// The filters that select what <c>edgestream subscribe</c> shows: everything under the prefix, one device
    /// (<c>{prefix}/{device}/#</c>) or one stream (its topics plus the device status).
    /// </summary>
    public static IReadOnlyList<string> Filters(string prefix, string? device = null, string? stream = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var dev = device is null ? "+" : CheckSegment(device, nameof(device));
        if (stream is null)
        {
            return device is null ? [$"{prefix}/#"] : [$"{prefix}/{dev}/#"];
        }

        return [$"{prefix}/{dev}/{StatusLeaf}", $"{prefix}/{dev}/{CheckSegment(stream, nameof(stream))}/#"];
    }

    /// <summary>Reads a topic under <paramref name="prefix"/> back into its kind, device and stream.</summary>
    public static TopicAddress Parse(string prefix, string topic)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            return new TopicAddress(TopicKind.Unknown, null, null);
        }

        var parts = topic[(prefix.Length + 1)..].Split('/');
        return parts switch
        {
            [var device, StatusLeaf] => new TopicAddress(TopicKind.DeviceStatus, device, null),
            [var device, var stream, StatusLeaf] => new TopicAddress(TopicKind.StreamStatus, device, stream),
            [var device, var stream, EventsLeaf] => new TopicAddress(TopicKind.Event, device, stream),
            [var device, var stream, StateLeaf] => new TopicAddress(TopicKind.State, device, stream),
            [var device, var stream, SnapshotLeaf] => new TopicAddress(TopicKind.Snapshot, device, stream),
            _ => new TopicAddress(TopicKind.Unknown, null, null),
        };
    }

    /// <summary>A device or stream id must be one topic level: non-empty, no '/', '+', '#'.</summary>
    public static string CheckSegment(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0 || value.IndexOfAny(['/', '+', '#', '\0']) >= 0)
        {
            throw new ArgumentException($"'{value}' cannot be an MQTT topic level (empty, or contains / + #)", name);
        }

        return value;
    }

    private string StreamTopic(string stream, string leaf) => $"{Prefix}/{Device}/{CheckSegment(stream, nameof(stream))}/{leaf}";
}

public enum TopicKind
{
    Unknown,
    DeviceStatus,
    StreamStatus,
    Event,
    State,
    Snapshot,
}

public sealed record TopicAddress(TopicKind Kind, string? Device, string? Stream);
