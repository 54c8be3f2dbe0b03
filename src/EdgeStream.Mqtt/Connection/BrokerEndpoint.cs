using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Connection;

/// <summary>Where the client connects: host, port and whether TLS is on. Printed as a URI; never carries credentials.</summary>
public sealed record BrokerEndpoint(string Host, int Port, bool UseTls)
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    /// <summary>The endpoint <paramref name="options"/> names; "embedded" means 127.0.0.1 on <paramref name="embeddedPort"/> (the port the broker really bound) or the configured port.</summary>
    public static BrokerEndpoint From(MqttOptions options, int? embeddedPort = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsEmbedded(options))
        {
            return new BrokerEndpoint("127.0.0.1", embeddedPort ?? options.EmbeddedPort, UseTls: false);
        }

        return Parse(options.Broker);
    }

    public static bool IsEmbedded(MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(options.Broker, MqttOptions.EmbeddedBroker, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>.</summary>
    public static BrokerEndpoint Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0 || parsed.Scheme is not ("mqtt" or "mqtts"))
        {
            throw new ArgumentException($"'{uri}' is not mqtt://host[:port] or mqtts://host[:port]", nameof(uri));
        }

        if (parsed.UserInfo.Length > 0)
        {
            throw new ArgumentException("put the user name and password in EdgeStream:Mqtt:Username/Password, not in the broker URI", nameof(uri));
        }

        var tls = parsed.Scheme == "mqtts";
        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls ? DefaultTlsPort : DefaultPort) : parsed.Port;
        return new BrokerEndpoint(parsed.IdnHost, port, tls);
    }

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";
}
