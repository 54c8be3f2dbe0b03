using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt;

/// <summary>All log lines of the MQTT adapter, with event ids 4000-4049 (the outbox, Outbox/OutboxLog.cs, has 4050-4099). Passwords never reach a log call.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "MQTT connected to {Endpoint} as {ClientId}")]
    public static partial void Connected(ILogger logger, string endpoint, string clientId);

    [LoggerMessage(4001, LogLevel.Warning, "MQTT connect failed (attempt {Attempt}), retrying in {DelaySeconds:0.0} s: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, int attempt, double delaySeconds, string reason);

    [LoggerMessage(4002, LogLevel.Warning, "MQTT connection to {Endpoint} lost; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string endpoint);

    [LoggerMessage(4003, LogLevel.Warning, "MQTT best-effort publish to {Topic} failed: {Reason}")]
    public static partial void BestEffortPublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "MQTT publish to {Topic} failed, retrying while the timeout allows: {Reason}")]
    public static partial void PublishRetry(ILogger logger, string topic, string reason);

    [LoggerMessage(4005, LogLevel.Information, "Embedded MQTT broker listening on 127.0.0.1:{Port}")]
    public static partial void BrokerStarted(ILogger logger, int port);

    [LoggerMessage(4006, LogLevel.Information, "Embedded MQTT broker stopped")]
    public static partial void BrokerStopped(ILogger logger);

    [LoggerMessage(4063, LogLevel.Warning, "Embedded MQTT broker refused publishes from {ClientId} to '{Topic}': only EdgeStream itself publishes under '{Prefix}/' (logged once per client)")]
    public static partial void OwnTopicRefused(ILogger logger, string clientId, string topic, string prefix);

    [LoggerMessage(4062, LogLevel.Warning, "Embedded MQTT broker refused a publish from {ClientId} to '{Topic}': {Bytes} bytes is over EdgeStream:Mqtt:MaxPayloadBytes ({Limit}); the client is disconnected")]
    public static partial void PublishTooLarge(ILogger logger, string clientId, string topic, long bytes, int limit);

    [LoggerMessage(4007, LogLevel.Error, "MQTT on-connect action failed")]
    public static partial void OnConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "MQTT clean disconnect from {Endpoint} failed: {Reason}")]
    public static partial void DisconnectFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(4009, LogLevel.Error, "MQTT message handler failed for topic {Topic}")]
    public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(4010, LogLevel.Information, "MQTT publishing to {Endpoint}, topics under {Prefix}/{Device}/")]
    public static partial void Publishing(ILogger logger, string endpoint, string prefix, string device);

    [LoggerMessage(4011, LogLevel.Error, "MQTT connection loop stopped unexpectedly")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
