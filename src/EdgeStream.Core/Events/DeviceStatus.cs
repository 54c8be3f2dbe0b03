namespace EdgeStream.Core.Events;

/// <summary>
/// The device's retained status (<c>{prefix}/{device}/status</c>): <c>online</c> with what runs here while the
/// process is up; <c>offline</c> as the MQTT last will (the broker publishes it when the connection dies) and on a
/// clean shutdown.
/// </summary>
public sealed record DeviceStatus
{
    public string SchemaVersion { get; init; } = DetectionEvent.CurrentSchemaVersion;
    public required string Device { get; init; }
    public required DeviceState State { get; init; }

    /// <summary>EdgeStream version. Null in the last will, which is fixed at connect time.</summary>
    public string? Version { get; init; }

    /// <summary>When this status was published; null in the last will.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Stream ids this device runs.</summary>
    public IReadOnlyList<string> Streams { get; init; } = [];

    /// <summary>Models loaded (name, version, precision, provider actually in use).</summary>
    public IReadOnlyList<DeviceModel> Models { get; init; } = [];

    /// <summary>Execution provider in use (cpu, cuda, tensorrt).</summary>
    public string? Provider { get; init; }

    /// <summary>The offline status used as the last will: no timestamp, no inventory.</summary>
    public static DeviceStatus Offline(string device) => new() { Device = device, State = DeviceState.Offline };
}

public enum DeviceState
{
    Online,
    Offline,
}

public sealed record DeviceModel(string Name, string Version, string Precision, string Provider);
