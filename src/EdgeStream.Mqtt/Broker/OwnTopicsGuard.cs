using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeStream.Mqtt.Broker;

/// <summary>
/// Only the embedded broker's owner (EdgeStream's own publisher) publishes at or below the topic prefix: any other
/// client's publish there (a fake event, a fake retained status) is not routed and gets "not authorized" (MQTT 5
/// PUBACK 0x87; a 3.1.1 client's QoS 1 publish is acknowledged and dropped, as that protocol has no refusal).
/// Each refused client is logged once.
/// </summary>
internal sealed class OwnTopicsGuard(EmbeddedBrokerOptions options, ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public void Check(InterceptingPublishEventArgs args)
    {
        if (options.Owner is not { } owner || !IsProtected(args.ApplicationMessage.Topic)
            || string.Equals(args.UserName, owner.Username, StringComparison.Ordinal))
        {
            return;
        }

        args.ProcessPublish = false;
        args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        if (_warned.TryAdd(args.ClientId, true))
        {
            Log.OwnTopicRefused(logger, args.ClientId, args.ApplicationMessage.Topic, options.ProtectedPrefix);
        }
    }

    private bool IsProtected(string topic) =>
        topic.Length >= options.ProtectedPrefix.Length
        && topic.StartsWith(options.ProtectedPrefix, StringComparison.Ordinal)
        && (topic.Length == options.ProtectedPrefix.Length || topic[options.ProtectedPrefix.Length] == '/');
}
