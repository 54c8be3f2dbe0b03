using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeStream.Mqtt.Broker;

/// <summary>
/// MQTTnet's broker in this process, bound to 127.0.0.1 only (IPv6 off so port 0 yields one port), so the
/// default configuration needs nothing installed. Retained messages live in memory for the process lifetime.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly ILogger _logger;

    private EmbeddedBroker(MqttServer server, int port, ILogger logger)
    {
        _server = server;
        Port = port;
        _logger = logger;
    }

    /// <summary>The port the broker really listens on (the chosen one when started with port 0).</summary>
    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    /// <summary>The MQTTnet server, for inspection (retained messages, clients) in tests and diagnostics.</summary>
    public MqttServer Server => _server;

    public static async Task<EmbeddedBroker> StartAsync(EmbeddedBrokerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(options.Port)
            .Build();
        var server = factory.CreateMqttServer(serverOptions);
        if (options.Username is not null)
        {
            server.ValidatingConnectionAsync += args =>
            {
                var ok = string.Equals(args.UserName, options.Username, StringComparison.Ordinal)
                    && string.Equals(args.Password, options.Password, StringComparison.Ordinal);
                if (!ok)
                {
                    args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
                }

                return Task.CompletedTask;
            };
        }

        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            server.Dispose();
            throw new EmbeddedBrokerException(
                $"the embedded MQTT broker cannot listen on 127.0.0.1:{options.Port}: {ex.SocketErrorCode} (another broker running? set EdgeStream:Mqtt:EmbeddedPort, or EdgeStream:Mqtt:Broker to mqtt://127.0.0.1:{options.Port} to use it)",
                ex);
        }

        // MQTTnet writes the port the OS chose back into the endpoint options when port 0 was asked for.
        var port = serverOptions.DefaultEndpointOptions.Port;
        Log.BrokerStarted(logger, port);
        return new EmbeddedBroker(server, port, logger);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server.IsStarted)
        {
            await _server.StopAsync(new MqttServerStopOptions());
            Log.BrokerStopped(_logger);
        }

        _server.Dispose();
    }
}
