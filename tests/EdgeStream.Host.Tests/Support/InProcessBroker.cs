using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeStream.Host.Tests.Support;

/// <summary>
/// MQTTnet's broker in the test process on a free 127.0.0.1 port, with a QoS 1 subscriber to everything under
/// <c>edgestream/{device}/</c> that is connected before EdgeStream starts (so no event is published before anyone
/// listens). Counts every event delivery and the distinct event ids; keeps the last payload of every other topic.
/// </summary>
internal sealed class InProcessBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly IMqttClient _subscriber;
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perStream = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _latest = new(StringComparer.Ordinal);
    private int _deliveries;

    private InProcessBroker(MqttServer server, IMqttClient subscriber, int port)
    {
        _server = server;
        _subscriber = subscriber;
        Port = port;
    }

    public int Port { get; }

    public int Deliveries => Volatile.Read(ref _deliveries);

    public bool HasReceived(string id) => _received.ContainsKey(id);

    public int Distinct => _received.Count;

    /// <summary>Ids of the events received on one stream's event topic, distinct.</summary>
    public int EventsOf(string stream) => _perStream.TryGetValue(stream, out var n) ? n : 0;

    /// <summary>The last payload on a topic other than an event topic (status, state), or null.</summary>
    public string? Latest(string topic) => _latest.TryGetValue(topic, out var payload) ? payload : null;

    public static async Task<InProcessBroker> StartAsync(string device)
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(0)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync();
        var port = options.DefaultEndpointOptions.Port;

        var subscriber = new MqttClientFactory().CreateMqttClient();
        var broker = new InProcessBroker(server, subscriber, port);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            broker.Record(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("soak-subscriber").Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"edgestream/{device}/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscriber.TryDisconnectAsync();
        _subscriber.Dispose();
        await _server.StopAsync();
        _server.Dispose();
    }

    private void Record(string topic, string payload)
    {
        if (!topic.EndsWith("/events", StringComparison.Ordinal))
        {
            _latest[topic] = payload;
            return;
        }

        Interlocked.Increment(ref _deliveries);
        var id = JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString()!;
        if (_received.AddOrUpdate(id, 1, (_, n) => n + 1) == 1)
        {
            var stream = topic.Split('/')[^2];
            _perStream.AddOrUpdate(stream, 1, (_, n) => n + 1);
        }
    }
}
