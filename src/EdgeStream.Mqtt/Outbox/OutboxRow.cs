namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// One committed event waiting for its PUBACK: the MQTT topic and payload exactly as they will be published.
/// <see cref="Generation"/> names the outbox file it came from (a corrupt file replaced by a fresh one restarts the sequence).
/// </summary>
public sealed record OutboxRow(long Sequence, string EventId, string Topic, byte[] Payload, DateTimeOffset CommittedAt, int Generation);
