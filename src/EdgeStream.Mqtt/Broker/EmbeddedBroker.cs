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
        server.ValidatingConnectionAsync += args =>
        {
            Validate(args, options);
            return Task.CompletedTask;
        };
        var guard = new OwnTopicsGuard(options, logger);
        server.InterceptingPublishAsync += args =>
        {
            Cap(args, options.MaxPayloadBytes, logger);
            if (args.ProcessPublish)
            {
                guard.Check(args);
            }

            return Task.CompletedTask;
        };

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

    /// <summary>
    /// Credentials when users are configured, and a client id for a client that sent none: MQTT 3.1.1 and 5 allow an
    /// empty id with a clean session (the server assigns one), and <c>mosquitto_sub</c> sends none by default; MQTTnet
    /// refuses it unless the server assigns one here. An empty id with a persistent session stays refused (the spec
    /// has no session to resume for it).
    /// </summary>
    private static void Validate(ValidatingConnectionEventArgs args, EmbeddedBrokerOptions options)
    {
        if (options.Owner is { } owner && string.Equals(args.UserName, owner.Username, StringComparison.Ordinal))
        {
            // The owner's name is taken only with the owner's per-process password.
            if (!string.Equals(args.Password, owner.Password, StringComparison.Ordinal))
            {
                args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }

            return;
        }

        if (options.Username is not null
            && !(string.Equals(args.UserName, options.Username, StringComparison.Ordinal) && string.Equals(args.Password, options.Password, StringComparison.Ordinal)))
        {
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }

        if (string.IsNullOrEmpty(args.ClientId) && args.CleanSession != false)
        {
            args.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N")[..12];
            args.ReasonCode = MqttConnectReasonCode.Success;
        }
    }

    /// <summary>
    /// A publish over the limit is not routed (no subscriber, no retained copy) and its client is disconnected: the
    /// payload was read already, so a client that keeps sending them would keep this process's memory high.
    /// </summary>
    private static void Cap(InterceptingPublishEventArgs args, int maxPayloadBytes, ILogger logger)
    {
        var length = args.ApplicationMessage.Payload.Length;
        if (length <= maxPayloadBytes)
        {
            return;
        }

        args.ProcessPublish = false;
        args.CloseConnection = true;
        Log.PublishTooLarge(logger, args.ClientId, args.ApplicationMessage.Topic, length, maxPayloadBytes);
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
