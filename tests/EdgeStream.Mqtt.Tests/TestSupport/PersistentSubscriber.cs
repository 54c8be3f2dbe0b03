using System.Buffers;
using EdgeStream.Core.Events.Serialization;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>
/// A subscriber as a production consumer runs one, independent of the code under test: MQTTnet, MQTT 5, a fixed client
/// id with a persistent session (clean start off, session kept an hour), QoS 1, and its own reconnect loop, so it
/// survives a broker restart and receives what the broker queued for it. <see cref="Delay"/> makes it a slow consumer:
/// the PUBACK to the broker waits for the handler.
/// </summary>
internal sealed class PersistentSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly List<ReceivedEvent> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private PersistentSubscriber(int port, string filter)
    {
        _filter = filter;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId("persistent-sub-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Handler time per message (a slow consumer). Default none.</summary>
    public TimeSpan Delay { get; init; }

    public int Connects { get; private set; }

    public IReadOnlyList<ReceivedEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<PersistentSubscriber> StartAsync(int port, string filter, TimeSpan delay = default)
    {
        var subscriber = new PersistentSubscriber(port, filter) { Delay = delay };
        await subscriber.ConnectAsync(CancellationToken.None);
        subscriber._loop = Task.Run(() => subscriber.KeepConnectedAsync(subscriber._stop.Token));
        return subscriber;
    }

    /// <summary>Waits until every id in <paramref name="ids"/> arrived at least once.</summary>
    public Task WaitForAllAsync(IReadOnlyCollection<Guid> ids, TimeSpan? limit = null) =>
        Eventually.TrueAsync(() => Events.Select(e => e.Id).ToHashSet().IsSupersetOf(ids), $"all {ids.Count} events at the subscriber (has {Events.Count})", limit);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await _client.TryDisconnectAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var result = await _client.ConnectAsync(_options, timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Connects++;
        if (!result.IsSessionPresent)
        {
            await _client.SubscribeAsync(_filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        }
    }

    private async Task KeepConnectedAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, stop);
                if (!_client.IsConnected)
                {
                    await ConnectAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // The broker is still down: try again shortly, as a real consumer would.
            }
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var payload = args.ApplicationMessage.Payload.ToArray();
        var e = EventJson.DeserializeEvent(payload);
        lock (_events)
        {
            _events.Add(new ReceivedEvent(e.Id, e.Stream, e.Sequence, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(payload))));
        }
    }
}

/// <summary>One delivery: the event's id, stream and sequence, and a hash of its payload (a burst of thousands stays small in memory).</summary>
internal sealed record ReceivedEvent(Guid Id, string Stream, long Sequence, string PayloadSha256);
