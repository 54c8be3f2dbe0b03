using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Host.Configuration;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>The configured sinks: console (stdout), JSONL file, MQTT (embedded broker or external; behind the SQLite outbox unless <c>Outbox:Enabled</c> is false).</summary>
internal static class SinkCatalog
{
    /// <summary>The configured sinks, and the port of the embedded broker when one was started (for mqtt: sensor streams).</summary>
    public static async Task<(List<IEventSink> Sinks, int? EmbeddedPort)> CreateAsync(EdgeStreamOptions options, DeviceStatus online, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var sinks = new List<IEventSink>();
        int? embeddedPort = null;
        try
        {
            if (options.Sinks.Console)
            {
                sinks.Add(new ConsoleEventSink());
            }

            if (options.Sinks.Jsonl is { Length: > 0 } path)
            {
                sinks.Add(OpenJsonl(path));
            }

            if (options.Mqtt.Enabled)
            {
                var link = await StartMqttAsync(options.Mqtt, online, loggers, time, cancellationToken);
                embeddedPort = link.Broker?.Port;
                sinks.Add(options.Outbox.Enabled ? await StartOutboxAsync(link, options.Outbox, loggers, time) : new MqttEventSink(link));
            }

            return (sinks, embeddedPort);
        }
        catch
        {
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync();
            }

            throw;
        }
    }

    private static JsonlEventSink OpenJsonl(string path)
    {
        try
        {
            return JsonlEventSink.Open(path, append: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"EdgeStream:Sinks:Jsonl: cannot open '{path}': {e.Message}", e);
        }
    }

    /// <summary>The MQTT sink behind the durable outbox (docs/reliability.md, "The outbox"); it owns <paramref name="link"/> from here on.</summary>
    private static async Task<IEventSink> StartOutboxAsync(MqttDeviceLink link, OutboxOptions outbox, ILoggerFactory loggers, TimeProvider time)
    {
        try
        {
            return OutboxEventSink.Start(link, outbox, OutboxPaths.Resolve(outbox), loggers, time);
        }
        catch (OutboxException e)
        {
            await link.DisposeAsync();
            throw new StartupException($"EdgeStream:Outbox: {e.Message}", e);
        }
    }

    private static async Task<MqttDeviceLink> StartMqttAsync(MqttOptions mqtt, DeviceStatus online, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await MqttDeviceLink.StartAsync(mqtt, online, loggers, time, cancellationToken);
        }
        catch (EmbeddedBrokerException e)
        {
            throw new StartupException($"EdgeStream:Mqtt:EmbeddedPort: {e.Message} (set another port, 0 for any free one, or Broker to an external mqtt:// URL)", e);
        }
        catch (MqttConnectException e)
        {
            throw new StartupException($"EdgeStream:Mqtt:Broker: {e.Message}", e);
        }
    }
}
