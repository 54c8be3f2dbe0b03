namespace EdgeStream.Mqtt.Broker;

/// <summary>The embedded broker could not start (usually: the port is taken).</summary>
public sealed class EmbeddedBrokerException : Exception
{
    public EmbeddedBrokerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public EmbeddedBrokerException()
        : this("the embedded MQTT broker could not start", null)
    {
    }

    public EmbeddedBrokerException(string message)
        : this(message, null)
    {
    }
}
