namespace EdgeStream.Mqtt.Broker;

/// <summary>The in-process broker: 127.0.0.1 only, a port (0 picks a free one), optional credentials.</summary>
public sealed record EmbeddedBrokerOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port (read it back from <see cref="EmbeddedBroker.Port"/>). Default 1883.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>
    /// When set, clients must present this user name and <see cref="Password"/> (or be the <see cref="Owner"/>).
    /// Default: anonymous clients may connect, subscribe, and publish outside <see cref="ProtectedPrefix"/>.
    /// </summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The one client that may publish under <see cref="ProtectedPrefix"/>; null: no topic is protected.</summary>
    public BrokerOwner? Owner { get; init; }

    /// <summary>EdgeStream's topic prefix (<c>EdgeStream:Mqtt:TopicPrefix</c>): only the owner publishes at or below it.</summary>
    public string ProtectedPrefix { get; init; } = "edgestream";

    /// <summary>Largest payload a client may publish; a larger publish is not routed and its client is disconnected. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; init; } = 1 << 20;
}
