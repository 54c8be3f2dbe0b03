using EdgeStream.Core.Events;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeStream.Mqtt.Publishing;

/// <summary>
/// The device's link to the broker (docs/events.md): the embedded broker when <see cref="MqttOptions.Broker"/> is
/// <c>embedded</c>, the client connection, the topics and message shapes, and the device's retained status: its
/// inventory is re-published <c>online</c> on every (re)connect, the last will is its <c>offline</c> status, and a clean
/// stop publishes <c>offline</c> itself before disconnecting. Both MQTT sinks publish through one and own it:
/// <see cref="MqttEventSink"/> directly, <see cref="Outbox.OutboxEventSink"/> from its SQLite outbox.
/// </summary>
public sealed class MqttDeviceLink : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private DeviceStatus _online;
    private int _disposed;

    private MqttDeviceLink(MqttConnection connection, MqttMessages messages, DeviceStatus online, EmbeddedBroker? broker, ILogger logger, TimeProvider time)
    {
        Connection = connection;
        Messages = messages;
        Broker = broker;
        _online = online;
        _logger = logger;
        _time = time;
        connection.OnConnected(ct => connection.PublishNowAsync(Messages.DeviceStatus(Stamped(_online)), ct));
    }

    /// <summary>The client connection (the sinks publish through it; the outbox watches it).</summary>
    public MqttConnection Connection { get; }

    public MqttMessages Messages { get; }

    public MqttTopics Topics => Messages.Topics;

    /// <summary>The embedded broker this link started, or null for an external broker.</summary>
    public EmbeddedBroker? Broker { get; }

    /// <summary>
    /// Starts the link: the embedded broker first when configured, then the client with its last will. Throws
    /// <see cref="EmbeddedBrokerException"/> (port taken) or a permanent <see cref="MqttConnectException"/> (credentials,
    /// TLS); an unreachable external broker is retried in the background.
    /// </summary>
    public static async Task<MqttDeviceLink> StartAsync(MqttOptions options, DeviceStatus online, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(online);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("EdgeStream.Mqtt");
        var problems = new List<string>();
        MqttOptionsRules.Check(MqttOptions.SectionName, options, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        var embedded = BrokerEndpoint.IsEmbedded(options);
        var owner = embedded ? BrokerOwner.Create() : null;
        var broker = embedded ? await EmbeddedBroker.StartAsync(EmbeddedBrokerOptionsFrom(options, owner!), logger) : null;
        try
        {
            var endpoint = BrokerEndpoint.From(options, broker?.Port);
            var topics = new MqttTopics(options.TopicPrefix, online.Device);
            var mqtt5 = options.ProtocolVersion != "3.1.1";
            var messages = new MqttMessages(topics, mqtt5);
            var will = messages.DeviceStatus(DeviceStatus.Offline(online.Device));
            var settings = MqttConnectionSettings.From(options, endpoint, options.ClientId ?? $"edgestream-{online.Device}", will, owner);
            var connection = new MqttConnection(settings, logger, time);
            var link = new MqttDeviceLink(connection, messages, online, broker, logger, time ?? TimeProvider.System);
            try
            {
                await connection.StartAsync(requireConnection: embedded, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            Log.Publishing(logger, endpoint.ToString(), options.TopicPrefix, online.Device);
            return link;
        }
        catch when (broker is not null)
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Replaces the device's online inventory (streams, models, provider) and re-publishes it.</summary>
    public Task UpdateDeviceStatusAsync(DeviceStatus online, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(online);
        _online = online;
        return BestEffortAsync(Messages.DeviceStatus(Stamped(online)), cancellationToken);
    }

    /// <summary>Publishes a retained latest-value (state, status): a failure is logged, not thrown; the next value replaces it.</summary>
    public async Task BestEffortAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Connection.PublishAsync(message, cancellationToken);
        }
        catch (MqttPublishException ex)
        {
            Log.BestEffortPublishFailed(_logger, message.Topic, ex.Message);
        }
    }

    /// <summary>Publishes the retained <c>offline</c> status, disconnects cleanly, then stops the embedded broker if it owns one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Connection.IsConnected)
        {
            var offline = DeviceStatus.Offline(_online.Device) with { Timestamp = _time.GetUtcNow() };
            await BestEffortAsync(Messages.DeviceStatus(offline), CancellationToken.None);
        }

        await Connection.DisposeAsync();
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }

    private DeviceStatus Stamped(DeviceStatus status) => status with { Timestamp = _time.GetUtcNow() };

    /// <summary>
    /// The embedded broker of these options: EdgeStream's publisher as its owner (only it publishes under the topic
    /// prefix); with <c>Username</c> set, every other client must sign in with it and the configured password.
    /// </summary>
    private static EmbeddedBrokerOptions EmbeddedBrokerOptionsFrom(MqttOptions options, BrokerOwner owner) => new()
    {
        Port = options.EmbeddedPort,
        MaxPayloadBytes = options.MaxPayloadBytes,
        Owner = owner,
        ProtectedPrefix = options.TopicPrefix,
        Username = string.IsNullOrEmpty(options.Username) ? null : options.Username,
        Password = string.IsNullOrEmpty(options.Username) ? null : MqttClientOptionsFactory.ReadPassword(options),
    };
}
