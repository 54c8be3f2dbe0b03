using EdgeStream.Core.Events;
using EdgeStream.Mqtt.Topics;

namespace EdgeStream.Mqtt.Subscribing;

/// <summary>
/// One message seen by <see cref="EdgeStreamSubscriber"/>, parsed by topic kind. Exactly one of the typed
/// properties is set for a well-formed EdgeStream message; <see cref="Error"/> says why a payload did not parse.
/// </summary>
public sealed record SubscriberMessage(string Topic, TopicAddress Address, bool Retained, ReadOnlyMemory<byte> Payload)
{
    public DetectionEvent? Event { get; init; }

    public StreamState? State { get; init; }

    public StreamStatus? StreamStatus { get; init; }

    public DeviceStatus? DeviceStatus { get; init; }

    /// <summary>Set when the payload is not valid JSON for its topic kind (or the topic is not EdgeStream's).</summary>
    public string? Error { get; init; }

    public TopicKind Kind => Address.Kind;
}
