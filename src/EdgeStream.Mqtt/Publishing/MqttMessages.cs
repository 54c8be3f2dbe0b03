using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeStream.Mqtt.Publishing;

/// <summary>
/// The MQTT messages of docs/events.md ("Topics", "Delivery"): topic, retain flag and QoS per kind. Everything is QoS 1; events are not
/// retained (a subscriber that joins later must not see old events as new), statuses and states are.
/// </summary>
public sealed class MqttMessages(MqttTopics topics, bool mqtt5)
{
    public MqttTopics Topics => topics;

    public MqttApplicationMessage Event(DetectionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Build(topics.Events(e.Stream), EventJson.Serialize(e), retain: false);
    }

    /// <summary>An event message from its topic and JSON as the outbox stored them (same QoS, flags and properties as <see cref="Event"/>).</summary>
    public MqttApplicationMessage StoredEvent(string topic, byte[] json) => Build(topic, json, retain: false);

    public MqttApplicationMessage State(StreamState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Build(topics.State(s.Stream), EventJson.Serialize(s), retain: true);
    }

    public MqttApplicationMessage StreamStatus(StreamStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Build(topics.StreamStatus(s.Stream), EventJson.Serialize(s), retain: true);
    }

    public MqttApplicationMessage DeviceStatus(DeviceStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Build(topics.DeviceStatus, EventJson.Serialize(s), retain: true);
    }

    private MqttApplicationMessage Build(string topic, byte[] json, bool retain)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain);
        if (mqtt5)
        {
            // MQTT 3.1.1 has no message properties; MQTTnet rejects them there.
            builder.WithContentType("application/json").WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
        }

        return builder.Build();
    }
}
