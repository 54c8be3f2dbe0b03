using MQTTnet;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// Retained state and status messages waiting for the publisher: only the latest per topic matters (a subscriber
/// sees the retained value, not the history), so they live in memory and a newer one replaces an unsent older one.
/// The pipeline never waits on the network for them.
/// </summary>
internal sealed class PendingRetained
{
    private readonly Dictionary<string, MqttApplicationMessage> _latest = new(StringComparer.Ordinal);

    public bool IsEmpty
    {
        get
        {
            lock (_latest)
            {
                return _latest.Count == 0;
            }
        }
    }

    public void Set(MqttApplicationMessage message)
    {
        lock (_latest)
        {
            _latest[message.Topic] = message;
        }
    }

    public List<MqttApplicationMessage> TakeAll()
    {
        lock (_latest)
        {
            var all = _latest.Values.ToList();
            _latest.Clear();
            return all;
        }
    }

    /// <summary>Puts back a message that could not be sent, unless a newer one for its topic arrived meanwhile.</summary>
    public void Restore(MqttApplicationMessage message)
    {
        lock (_latest)
        {
            _latest.TryAdd(message.Topic, message);
        }
    }
}
