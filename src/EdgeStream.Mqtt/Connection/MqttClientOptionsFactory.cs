using EdgeStream.Mqtt.Options;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeStream.Mqtt.Connection;

/// <summary>Builds MQTTnet client options: endpoint, protocol, credentials, TLS and the last will.</summary>
internal static class MqttClientOptionsFactory
{
    /// <param name="options">The MQTT options.</param>
    /// <param name="endpoint">Where the broker is.</param>
    /// <param name="clientId">This client's id.</param>
    /// <param name="will">The message the broker publishes when this client dies, or null.</param>
    /// <param name="owner">Credentials that replace the configured ones: EdgeStream's own publisher on its embedded broker (<see cref="Broker.BrokerOwner"/>).</param>
    public static MqttClientOptions Create(MqttOptions options, BrokerEndpoint endpoint, string clientId, MqttApplicationMessage? will, Broker.BrokerOwner? owner = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithProtocolVersion(options.ProtocolVersion == "3.1.1" ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(options.ConnectTimeoutSeconds));

        if (owner is not null)
        {
            builder.WithCredentials(owner.Username, owner.Password);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, ReadPassword(options));
        }

        if (endpoint.UseTls)
        {
            builder.WithTlsOptions(TlsSettings.Create(options, endpoint));
        }

        if (will is not null)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(System.Buffers.BuffersExtensions.ToArray(will.Payload))
                .WithWillRetain(will.Retain)
                .WithWillQualityOfServiceLevel(will.QualityOfServiceLevel);
        }

        return builder.Build();
    }

    /// <summary>The password from options, else the first line of PasswordFile (systemd credentials), else none.</summary>
    internal static string? ReadPassword(MqttOptions options)
    {
        if (!string.IsNullOrEmpty(options.Password))
        {
            return options.Password;
        }

        return string.IsNullOrEmpty(options.PasswordFile)
            ? null
            : File.ReadLines(options.PasswordFile).FirstOrDefault()?.TrimEnd('\r');
    }
}
