using EdgeStream.Core.Resilience;
using EdgeStream.Mqtt.Options;
using MQTTnet;

namespace EdgeStream.Mqtt.Connection;

/// <summary>Everything <see cref="MqttConnection"/> needs, resolved from <see cref="MqttOptions"/>.</summary>
public sealed record MqttConnectionSettings(
    BrokerEndpoint Endpoint,
    MqttClientOptions ClientOptions,
    TimeSpan PublishTimeout,
    TimeSpan PingInterval,
    TimeSpan ConnectTimeout,
    ReconnectBackoff Backoff,
    string? Username)
{
    public string ClientId => ClientOptions.ClientId;

    public bool IsMqtt5 => ClientOptions.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500;

    /// <summary>Settings from options; <paramref name="will"/> is the message the broker publishes when this client dies.</summary>
    /// <remarks><paramref name="owner"/>: EdgeStream's own publisher on its embedded broker signs in with these instead.</remarks>
    public static MqttConnectionSettings From(MqttOptions options, BrokerEndpoint endpoint, string clientId, MqttApplicationMessage? will = null, Broker.BrokerOwner? owner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MqttConnectionSettings(
            endpoint,
            MqttClientOptionsFactory.Create(options, endpoint, clientId, will, owner),
            TimeSpan.FromSeconds(options.PublishTimeoutSeconds),
            TimeSpan.FromSeconds(options.KeepAliveSeconds),
            TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            // Jitter 0.5: "equal jitter", each wait between half and all of the doubling ceiling (as the client always had).
            new ReconnectBackoff(TimeSpan.FromSeconds(options.ReconnectMinSeconds), TimeSpan.FromSeconds(options.ReconnectMaxSeconds), jitter: 0.5),
            owner?.Username ?? (string.IsNullOrEmpty(options.Username) ? null : options.Username));
    }
}
