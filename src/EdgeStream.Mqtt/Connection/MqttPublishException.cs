namespace EdgeStream.Mqtt.Connection;

/// <summary>A publish was not acknowledged: no connection within the timeout, no PUBACK in time, or the broker refused it.</summary>
public sealed class MqttPublishException : Exception
{
    public MqttPublishException(string topic, string message, Exception? innerException = null)
        : base($"MQTT publish to '{topic}' failed: {message}", innerException)
    {
        Topic = topic;
    }

    public MqttPublishException()
        : this("", "unknown error")
    {
    }

    public MqttPublishException(string message)
        : this("", message)
    {
    }

    public MqttPublishException(string message, Exception innerException)
        : this("", message, innerException)
    {
    }

    public string Topic { get; } = "";
}
