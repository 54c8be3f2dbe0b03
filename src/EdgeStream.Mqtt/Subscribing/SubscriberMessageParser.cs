using System.Text.Json;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Topics;

namespace EdgeStream.Mqtt.Subscribing;

/// <summary>Turns a topic and payload into a <see cref="SubscriberMessage"/>; a bad payload becomes an error, never an exception.</summary>
public static class SubscriberMessageParser
{
    public static SubscriberMessage Parse(string prefix, string topic, ReadOnlyMemory<byte> payload, bool retained)
    {
        var address = MqttTopics.Parse(prefix, topic);
        var message = new SubscriberMessage(topic, address, retained, payload);
        if (payload.IsEmpty)
        {
            // An empty retained message is how a retained topic is cleared.
            return message with { Error = "empty payload (retained message cleared)" };
        }

        try
        {
            var span = payload.Span;
            return address.Kind switch
            {
                TopicKind.Event => message with { Event = EventJson.DeserializeEvent(span) },
                TopicKind.State => message with { State = EventJson.DeserializeState(span) },
                TopicKind.StreamStatus => message with { StreamStatus = EventJson.DeserializeStreamStatus(span) },
                TopicKind.DeviceStatus => message with { DeviceStatus = EventJson.DeserializeDeviceStatus(span) },
                TopicKind.Snapshot => message,
                _ => message with { Error = "not an EdgeStream topic" },
            };
        }
        catch (JsonException ex)
        {
            return message with { Error = $"malformed {address.Kind} payload: {ex.Message}" };
        }
    }
}
