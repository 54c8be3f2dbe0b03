using EdgeStream.Core.Events;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Topics;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Publishing;

/// <summary>
/// Publishes events, states and statuses over MQTT (DESIGN section 5). <see cref="PublishAsync"/> returns only
/// after the broker's PUBACK and throws <see cref="MqttPublishException"/> otherwise, so a durable outbox can sit in
/// front of it and delete an event only once this returns. States and statuses are retained and best effort.
/// On every (re)connect the device's retained <c>online</c> status is re-published; the last will is its
/// <c>offline</c> status, and a clean shutdown publishes <c>offline</c> itself before disconnecting.
/// </summary>
public sealed class MqttEventSink : IEventSink
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EmbeddedBroker? _broker;
    private DeviceStatus _online;
    private int _disposed;

    private MqttEventSink(MqttConnection connection, MqttMessages messages, DeviceStatus online, EmbeddedBroker? broker, ILogger logger, TimeProvider time)
    {
        Connection = connection;
        Messages = messages;
        _online = online;
        _broker = broker;
        _logger = logger;
        _time = time;
        connection.OnConnected(ct => connection.PublishNowAsync(Messages.DeviceStatus(Stamped(_online)), ct));
    }

    public string Name => "mqtt";

    /// <summary>The client connection (an outbox drains through it and watches it).</summary>
    public MqttConnection Connection { get; }

    public MqttMessages Messages { get; }

    public MqttTopics Topics => Messages.Topics;

    /// <summary>The embedded broker this sink started, or null for an external broker.</summary>
    public EmbeddedBroker? Broker => _broker;

    /// <summary>
    /// Starts publishing: the embedded broker first when <see cref="MqttOptions.Broker"/> is <c>embedded</c>, then the
    /// client with its last will. Throws <see cref="EmbeddedBrokerException"/> (port taken) or a permanent
    /// <see cref="MqttConnectException"/> (credentials, TLS); an unreachable external broker is retried in the background.
    /// </summary>
    public static async Task<MqttEventSink> StartAsync(MqttOptions options, DeviceStatus online, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
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
        var broker = embedded ? await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = options.EmbeddedPort }, logger) : null;
        try
        {
            var endpoint = BrokerEndpoint.From(options, broker?.Port);
            var topics = new MqttTopics(options.TopicPrefix, online.Device);
            var mqtt5 = options.ProtocolVersion != "3.1.1";
            var messages = new MqttMessages(topics, mqtt5);
            var will = messages.DeviceStatus(DeviceStatus.Offline(online.Device));
            var settings = MqttConnectionSettings.From(options, endpoint, options.ClientId ?? $"edgestream-{online.Device}", will);
            var connection = new MqttConnection(settings, logger, time);
            var sink = new MqttEventSink(connection, messages, online, broker, logger, time ?? TimeProvider.System);
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
            return sink;
        }
        catch when (broker is not null)
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken) =>
        Connection.PublishAsync(Messages.Event(detectionEvent), cancellationToken);

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) =>
        BestEffortAsync(Messages.State(state), cancellationToken);

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken) =>
        BestEffortAsync(Messages.StreamStatus(status), cancellationToken);

    /// <summary>Replaces the device's online inventory (streams, models, provider) and re-publishes it.</summary>
    public Task UpdateDeviceStatusAsync(DeviceStatus online, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(online);
        _online = online;
        return BestEffortAsync(Messages.DeviceStatus(Stamped(online)), cancellationToken);
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
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private DeviceStatus Stamped(DeviceStatus status) => status with { Timestamp = _time.GetUtcNow() };

    private async Task BestEffortAsync(MQTTnet.MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Connection.PublishAsync(message, cancellationToken);
        }
        catch (MqttPublishException ex)
        {
            Log.BestEffortPublishFailed(_logger, message.Topic, ex.Message);
        }
    }
}
