namespace EdgeStream.Mqtt.Options;

/// <summary>
/// Where events are published (section <c>EdgeStream:Mqtt</c>). By default EdgeStream runs its own MQTT broker on
/// 127.0.0.1:1883 and publishes there; point <see cref="Broker"/> at <c>mqtt://host:port</c> or
/// <c>mqtts://host:port</c> to use an external broker. Secrets: set the password through the environment
/// (<c>EDGESTREAM__MQTT__PASSWORD</c>) or a file (<see cref="PasswordFile"/>, e.g. a systemd credential); it is
/// never logged.
/// </summary>
public sealed class MqttOptions
{
    /// <summary>Where the host binds these options; the key <see cref="MqttOptionsRules"/> names when no other is given.</summary>
    public const string SectionName = "EdgeStream:Mqtt";

    public const string EmbeddedBroker = "embedded";

    /// <summary>Publish to MQTT at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>embedded</c> (an in-process broker on 127.0.0.1), <c>mqtt://host[:port]</c> (default port 1883) or <c>mqtts://host[:port]</c> (TLS, default port 8883). Default <c>embedded</c>.</summary>
    public string Broker { get; set; } = EmbeddedBroker;

    /// <summary>TCP port of the embedded broker (127.0.0.1 only); 0 picks a free port. Default 1883.</summary>
    public int EmbeddedPort { get; set; } = 1883;

    /// <summary>MQTT client id. Default: <c>edgestream-{device}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>User name for the broker. Default: none (anonymous).</summary>
    public string? Username { get; set; }

    /// <summary>Password for the broker; prefer the environment or <see cref="PasswordFile"/>. Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>File whose first line is the password (systemd <c>LoadCredential=</c>). Used when <see cref="Password"/> is empty. Default: none.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>PEM file with the CA certificate(s) that signed the broker's certificate (mqtts). Default: the system trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate for mutual TLS. Default: none.</summary>
    public string? ClientCertFile { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertFile"/>. Default: the key is read from the certificate file.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Topic prefix: topics are <c>{prefix}/{device}/...</c>. Default <c>edgestream</c>.</summary>
    public string TopicPrefix { get; set; } = "edgestream";

    /// <summary>MQTT protocol version: <c>5</c> or <c>3.1.1</c>. Default 5.</summary>
    public string ProtocolVersion { get; set; } = "5";

    /// <summary>Longest wait for a publish (including waiting for a connection) and its PUBACK, in seconds. Default 10.</summary>
    public double PublishTimeoutSeconds { get; set; } = 10;

    /// <summary>MQTT keep-alive, and the interval of EdgeStream's own ping that detects half-open connections, in seconds. Default 15.</summary>
    public double KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// Largest payload of one message EdgeStream takes, in bytes. Default 1 MiB (a JSON array of a few thousand
    /// samples). On an <c>mqtt:</c> sensor topic with MQTT 5 the sensor client tells the broker its maximum packet size,
    /// so the broker drops larger messages before they reach EdgeStream's memory; a larger message that still arrives is
    /// refused whole and counted as a rejected message. The embedded broker routes no larger publish and disconnects
    /// its sender.
    /// </summary>
    public int MaxPayloadBytes { get; set; } = 1 << 20;

    /// <summary>MQTT's largest packet (268,435,455 bytes) less room for the fixed header, a topic and properties.</summary>
    public const int LargestPayloadBytes = 268_435_455 - PacketOverheadBytes;

    /// <summary>Room in a packet beside its payload: fixed header, the longest topic (65,535 bytes), packet id, properties.</summary>
    public const int PacketOverheadBytes = 70_000;

    /// <summary>Longest wait for the TCP/TLS connect and CONNACK, in seconds. Default 10.</summary>
    public double ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>First reconnect delay in seconds; it doubles per failed attempt (with jitter). Default 1.</summary>
    public double ReconnectMinSeconds { get; set; } = 1;

    /// <summary>Largest reconnect delay in seconds. Default 30.</summary>
    public double ReconnectMaxSeconds { get; set; } = 30;
}
