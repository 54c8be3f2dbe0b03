using System.Net;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>MQTTnet's broker in the test process on 127.0.0.1 (port 0 picks a free one), plus a publisher client.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private IMqttClient? _publisher;

    private TestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TestBroker> StartAsync(int port = 0)
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync();

        // MQTTnet writes the port the OS chose back into the endpoint options.
        return new TestBroker(server, options.DefaultEndpointOptions.Port);
    }

    /// <summary>Connection settings for a sensor source: quick pings and reconnects so loss is noticed fast.</summary>
    public MqttConnectionSettings Settings(string clientId = "sensor-test")
    {
        var options = new MqttOptions
        {
            Broker = $"mqtt://127.0.0.1:{Port}",
            KeepAliveSeconds = 1,
            ConnectTimeoutSeconds = 5,
            ReconnectMinSeconds = 0.05,
            ReconnectMaxSeconds = 0.5,
        };
        return MqttConnectionSettings.From(options, BrokerEndpoint.Parse(options.Broker), clientId);
    }

    /// <summary>Publishes at QoS 1 and waits for the PUBACK.</summary>
    public async Task PublishAsync(string topic, string payload)
    {
        if (_publisher is not { IsConnected: true })
        {
            _publisher?.Dispose();
            _publisher = new MqttClientFactory().CreateMqttClient();
            await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithClientId("publisher").Build());
        }

        await _publisher.PublishStringAsync(topic, payload, MqttQualityOfServiceLevel.AtLeastOnce);
    }

    public async ValueTask DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.TryDisconnectAsync();
            _publisher.Dispose();
        }

        await _server.StopAsync();
        _server.Dispose();
    }
}
