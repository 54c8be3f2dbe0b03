namespace EdgeStream.Mqtt.Connection;

/// <summary>
/// The client could not connect to the broker. <see cref="IsPermanent"/> is true when retrying with the same
/// configuration cannot help (bad credentials, not authorized, TLS certificate rejected): start-up stops on those.
/// The message names the broker and the config keys to check; it never contains the password.
/// </summary>
public sealed class MqttConnectException : Exception
{
    public MqttConnectException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    public MqttConnectException()
        : this("cannot connect to the MQTT broker", false)
    {
    }

    public MqttConnectException(string message)
        : this(message, false)
    {
    }

    public MqttConnectException(string message, Exception innerException)
        : this(message, false, innerException)
    {
    }

    public bool IsPermanent { get; }
}
