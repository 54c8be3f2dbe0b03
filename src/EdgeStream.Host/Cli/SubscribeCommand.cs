using System.CommandLine;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Hosting;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Subscribing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream subscribe</c>: connects to a broker and prints what EdgeStream devices publish, one line per
/// event, state and status (or the raw JSON with <c>--json</c>), until Ctrl-C or <c>--count</c> events.
/// Broker, prefix, TLS and credentials come from the config's EdgeStream:Mqtt section unless given here.
/// </summary>
internal static class SubscribeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var broker = new Option<string?>("--broker", "-b") { Description = "mqtt://host[:port] or mqtts://host[:port] (default: the config's broker; 'embedded' means 127.0.0.1)" };
        var device = new Option<string?>("--device") { Description = "Only this device" };
        var stream = new Option<string?>("--stream") { Description = "Only this stream (and its device's status)" };
        var json = new Option<bool>("--json") { Description = "Print each message's topic and raw JSON instead of a readable line" };
        var count = new Option<int?>("--count", "-n") { Description = "Exit after this many events" };
        var command = new Command("subscribe", "Print events and statuses from a broker") { broker, device, stream, json, count };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var mqtt = MqttOptionsFor(common.Request(result), result.GetValue(broker));
            var level = result.GetValue(common.Verbose) ? LogLevel.Debug : LogLevel.Warning;
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(level).AddFilter("Microsoft", LogLevel.Warning));
            using var interrupt = new InterruptSignal();
            using var printer = new SubscribePrinter(output, result.GetValue(json), result.GetValue(count));
            using var done = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, printer.Done);
            await using var subscriber = await ConnectAsync(mqtt, printer, loggers.CreateLogger("EdgeStream.Subscribe"), result.GetValue(device), result.GetValue(stream), done.Token);
            await error.WriteLineAsync($"subscribed to {string.Join(", ", subscriber.Filters)} on {subscriber.Endpoint}");
            try
            {
                await Task.Delay(Timeout.Infinite, done.Token);
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                // Ctrl-C or --count reached: the normal way out.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The config's MQTT section alone (a subscriber needs no models or streams), checked and with paths resolved.</summary>
    private static MqttOptions MqttOptionsFor(ConfigRequest request, string? broker)
    {
        var builder = EdgeStreamHostBuilder.Create(request, LogLevel.Warning);
        var mqtt = builder.Configuration.GetSection(ConfigKeys.Section + ":Mqtt").Get<MqttOptions>() ?? new MqttOptions();
        ConfigPaths.ResolveMqtt(mqtt, builder.ConfigFile().Directory);
        if (broker is not null)
        {
            mqtt.Broker = broker;
        }

        var problems = new List<string>();
        MqttOptionsRules.Check(ConfigKeys.Section + ":Mqtt", mqtt, problems);
        return problems.Count == 0 ? mqtt : throw new ConfigurationException(problems);
    }

    private static async Task<EdgeStreamSubscriber> ConnectAsync(MqttOptions mqtt, SubscribePrinter printer, ILogger logger, string? device, string? stream, CancellationToken cancellationToken)
    {
        try
        {
            return await EdgeStreamSubscriber.ConnectAsync(mqtt, printer.PrintAsync, logger, device, stream, cancellationToken);
        }
        catch (MqttConnectException e)
        {
            throw new StartupException($"cannot subscribe at {BrokerEndpoint.From(mqtt)}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new StartupException(e.Message, e);
        }
    }
}

/// <summary>Prints subscriber messages; signals <see cref="Done"/> after the requested number of events.</summary>
internal sealed class SubscribePrinter(TextWriter output, bool json, int? maxEvents) : IDisposable
{
    private readonly CancellationTokenSource _done = new();
    private readonly Lock _gate = new();
    private int _events;

    public CancellationToken Done => _done.Token;

    public void Dispose() => _done.Dispose();

    public Task PrintAsync(SubscriberMessage message, CancellationToken cancellationToken)
    {
        var line = json ? $"{message.Topic} {System.Text.Encoding.UTF8.GetString(message.Payload.Span)}" : Readable(message);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
            if (message.Event is not null && ++_events == maxEvents)
            {
                _done.Cancel();
            }
        }

        return Task.CompletedTask;
    }

    private static string Readable(SubscriberMessage m) => m switch
    {
        { Error: { } error } => $"{m.Topic}: unreadable payload: {error}",
        { Event: { } e } => EventLineFormatter.Format(e, withDevice: true),
        { State: { } s } => EventLineFormatter.Format(s, withDevice: true),
        { StreamStatus: { } s } => EventLineFormatter.Format(s, withDevice: true),
        { DeviceStatus: { } d } => EventLineFormatter.Format(d),
        _ => $"{m.Topic}: {m.Payload.Length} bytes",
    };
}
