using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeStream.Mqtt.Connection;

/// <summary>
/// One MQTT client kept connected (MQTTnet 5 has no managed client; docs/reliability.md). A supervisor loop pings
/// the broker every keep-alive interval with <c>TryPingAsync</c>; when the ping fails or the client reports a
/// disconnect it calls <c>TryDisconnectAsync</c> (a half-open connection still says <c>IsConnected</c>) and
/// reconnects with exponential backoff and jitter. After each connect the <see cref="OnConnected"/> actions run
/// (re-publish retained status, re-subscribe) before waiting publishers resume.
/// Publishes are QoS 1 and return only after the PUBACK; each has a timeout that covers waiting for a connection.
/// </summary>
public sealed partial class MqttConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Func<CancellationToken, Task>> _onConnected = [];
    private TaskCompletionSource _up = NewSignal();
    private TaskCompletionSource _wake = NewSignal();
    private Task? _loop;
    private int _disposed;

    public MqttConnection(MqttConnectionSettings settings, ILogger logger, TimeProvider? time = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnClientDisconnectedAsync;
    }

    public MqttConnectionSettings Settings { get; }

    public BrokerEndpoint Endpoint => Settings.Endpoint;

    /// <summary>True while connected and the on-connect actions have run.</summary>
    public bool IsConnected => _client.IsConnected && _up.Task.IsCompletedSuccessfully;

    /// <summary>Messages that arrive on this client's subscriptions.</summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task> MessageReceived
    {
        add => _client.ApplicationMessageReceivedAsync += value;
        remove => _client.ApplicationMessageReceivedAsync -= value;
    }

    /// <summary>Completes when the connection is up (at once if it is); an outbox drain waits on this before sending.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _up.Task.WaitAsync(cancellationToken);

    /// <summary>Registers an action run after every (re)connect, before waiting publishes resume. Register before <see cref="StartAsync"/>.</summary>
    public void OnConnected(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _onConnected.Add(action);
    }

    /// <summary>
    /// Connects once and starts the supervisor loop. A permanent refusal (credentials, TLS) always throws
    /// <see cref="MqttConnectException"/>; a transient failure throws only when <paramref name="requireConnection"/>,
    /// otherwise the loop keeps retrying in the background.
    /// </summary>
    public async Task StartAsync(bool requireConnection, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_loop is not null)
        {
            throw new InvalidOperationException("the connection is already started");
        }

        var failures = 0;
        var firstDelay = TimeSpan.Zero;
        try
        {
            await ConnectOnceAsync(cancellationToken);
        }
        catch (MqttConnectException ex) when (!ex.IsPermanent && !requireConnection)
        {
            failures = 1;
            firstDelay = Settings.Backoff.Delay(failures);
            Log.ConnectFailed(_logger, failures, firstDelay.TotalSeconds, ex.Message);
        }

        _loop = Task.Run(() => SuperviseAsync(failures, firstDelay, _stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// Publishes with the message's QoS and waits for the broker's acknowledgement (PUBACK for QoS 1). Waits for a
    /// connection and retries across reconnects until <see cref="MqttConnectionSettings.PublishTimeout"/>; then throws
    /// <see cref="MqttPublishException"/>. A retry after a lost PUBACK may deliver twice (at-least-once).
    /// </summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.PublishTimeout);
        Exception? last = null;
        try
        {
            while (true)
            {
                await _up.Task.WaitAsync(timeout.Token);
                try
                {
                    await PublishNowAsync(message, timeout.Token);
                    return;
                }
                catch (Exception ex) when (IsConnectionFault(ex))
                {
                    last = ex;
                    Log.PublishRetry(_logger, message.Topic, ex.Message);
                    MarkDown();
                    Wake();
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var why = last is not null ? $"last error: {last.Message}" : IsConnected ? "no PUBACK" : $"not connected to {Endpoint}";
            throw new MqttPublishException(message.Topic, $"not acknowledged within {Settings.PublishTimeout.TotalSeconds:0.#} s ({why}; EdgeStream:Mqtt:PublishTimeoutSeconds)", last);
        }
    }

    /// <summary>One publish attempt on the current connection, no waiting for a reconnect (for on-connect actions).</summary>
    public async Task PublishNowAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await _client.PublishAsync(message, cancellationToken);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            throw new MqttPublishException(message.Topic, $"the broker answered {result.ReasonCode} {result.ReasonString}".TrimEnd());
        }
    }

    /// <summary>Subscribes on the current connection (call it from an <see cref="OnConnected"/> action so it is renewed after reconnects).</summary>
    public async Task SubscribeNowAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken);
        var refused = result.Items.Where(i => (int)i.ResultCode > 2).Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}").ToList();
        if (refused.Count > 0)
        {
            throw new MqttConnectException($"MQTT broker {Endpoint} refused the subscription ({string.Join(", ", refused)})", isPermanent: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _client.DisconnectedAsync -= OnClientDisconnectedAsync;
        if (_client.IsConnected)
        {
            // A clean DISCONNECT: the broker discards the last will, so the caller publishes its own offline status first.
            using var timeout = new CancellationTokenSource(Settings.ConnectTimeout);
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
            catch (Exception ex) when (IsConnectionFault(ex) || ex is OperationCanceledException)
            {
                Log.DisconnectFailed(_logger, Endpoint.ToString(), ex.Message);
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }
}
