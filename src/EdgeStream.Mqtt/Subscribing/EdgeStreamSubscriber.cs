using System.Buffers;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Topics;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeStream.Mqtt.Subscribing;

/// <summary>
/// What <c>edgestream subscribe</c> runs: connects to the broker of <see cref="MqttOptions"/> (for <c>embedded</c>,
/// the running EdgeStream's broker on 127.0.0.1:EmbeddedPort), subscribes to <c>{prefix}/#</c> or a device/stream
/// filter at QoS 1 (renewed after reconnects) and hands every message, parsed, to the handler in arrival order.
/// Retained statuses and states arrive first, flagged <see cref="SubscriberMessage.Retained"/>.
/// </summary>
public sealed class EdgeStreamSubscriber : IAsyncDisposable
{
    private readonly MqttConnection _connection;
    private readonly Func<SubscriberMessage, CancellationToken, Task> _handler;
    private readonly string _prefix;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();

    private EdgeStreamSubscriber(MqttConnection connection, string prefix, IReadOnlyList<string> filters, Func<SubscriberMessage, CancellationToken, Task> handler, ILogger logger)
    {
        _connection = connection;
        _prefix = prefix;
        Filters = filters;
        _handler = handler;
        _logger = logger;
        connection.MessageReceived += OnMessageAsync;
        connection.OnConnected(ct => connection.SubscribeNowAsync(filters, ct));
    }

    public IReadOnlyList<string> Filters { get; }

    public BrokerEndpoint Endpoint => _connection.Endpoint;

    /// <summary>
    /// Connects and subscribes. Throws <see cref="MqttConnectException"/> when the broker cannot be reached or refuses
    /// (a command-line tool should say so at once rather than wait silently); later disconnects are retried.
    /// </summary>
    public static async Task<EdgeStreamSubscriber> ConnectAsync(
        MqttOptions options,
        Func<SubscriberMessage, CancellationToken, Task> handler,
        ILogger logger,
        string? device = null,
        string? stream = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        var filters = MqttTopics.Filters(options.TopicPrefix, device, stream);
        var endpoint = BrokerEndpoint.From(options);
        var clientId = $"edgestream-sub-{Guid.NewGuid():N}"[..31];
        var connection = new MqttConnection(MqttConnectionSettings.From(options, endpoint, clientId), logger);
        var subscriber = new EdgeStreamSubscriber(connection, options.TopicPrefix, filters, handler, logger);
        try
        {
            await connection.StartAsync(requireConnection: true, cancellationToken);
        }
        catch
        {
            await subscriber.DisposeAsync();
            throw;
        }

        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _connection.MessageReceived -= OnMessageAsync;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        var parsed = SubscriberMessageParser.Parse(_prefix, message.Topic, message.Payload.ToArray(), message.Retain);
        try
        {
            await _handler(parsed, _stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad print must not stop the stream of messages; the handler's failure is logged with its topic.
            Log.HandlerFailed(_logger, message.Topic, ex);
        }
    }
}
