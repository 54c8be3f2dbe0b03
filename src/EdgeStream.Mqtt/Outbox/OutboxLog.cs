using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>All log lines of the outbox, with event ids 4050-4099 (the upper half of the MQTT area's range; ONNX Runtime has 4100-4199). A drop or a lost file is an error: it is the one place events can go.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(4050, LogLevel.Information, "Outbox {Path}: {Events} events waiting from a previous run; draining them in order in the background")]
    public static partial void Backlog(ILogger logger, string path, long events);

    [LoggerMessage(4051, LogLevel.Information, "Outbox {Path} opened (WAL, synchronous=FULL); events are committed before they are published")]
    public static partial void Opened(ILogger logger, string path);

    [LoggerMessage(4052, LogLevel.Critical, "Outbox {Path} is corrupt ({Reason}); moved aside to {MovedTo} with the events it held and started a fresh one")]
    public static partial void CorruptMovedAside(ILogger logger, string path, string reason, string movedTo);

    [LoggerMessage(4053, LogLevel.Error, "Outbox DROPPED {Dropped} oldest events (sequence {FirstSequence}..{LastSequence}, oldest committed {OldestAge:0.0} h ago) beyond EdgeStream:Outbox:{Bound}; {TotalDropped} dropped since start")]
    public static partial void Dropped(ILogger logger, long dropped, long firstSequence, long lastSequence, double oldestAge, string bound, long totalDropped);

    [LoggerMessage(4054, LogLevel.Warning, "Outbox publish not acknowledged ({What}), {Pending} events waiting; retrying in {DelaySeconds:0.0} s: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string what, long pending, double delaySeconds, string reason);

    [LoggerMessage(4055, LogLevel.Information, "Outbox drained {Published} events that had waited (an outage or a previous run); publishing live again")]
    public static partial void Drained(ILogger logger, long published);

    [LoggerMessage(4056, LogLevel.Error, "Outbox publisher failed unexpectedly; restarting it in {DelaySeconds:0.0} s")]
    public static partial void PublisherFailed(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(4057, LogLevel.Warning, "Outbox stopped with {Pending} events not yet acknowledged; they are kept in {Path} and sent after the next start")]
    public static partial void StoppedWithBacklog(ILogger logger, long pending, string path);

    [LoggerMessage(4058, LogLevel.Error, "Outbox {Path}: the disk is full; released the {Bytes} byte reserve beside it so delivered events can be deleted and their space reused. Free space on that file system: new events cannot be committed until there is room")]
    public static partial void DiskFullReserveReleased(ILogger logger, string path, long bytes);

    [LoggerMessage(4059, LogLevel.Information, "Outbox reserve {Path} set aside ({Bytes} bytes of disk for deleting delivered events when the disk is full)")]
    public static partial void ReserveSet(ILogger logger, string path, long bytes);

    [LoggerMessage(4060, LogLevel.Warning, "Outbox reserve {Path} ({Bytes} bytes) could not be written: {Reason}. On a full disk delivered events then cannot be deleted until space is freed; retried later")]
    public static partial void ReserveNotSet(ILogger logger, string path, long bytes, string reason);

    [LoggerMessage(4061, LogLevel.Warning, "Outbox {Path}: WAL checkpoint failed while the disk is low ({Reason}); the write before it is committed, the checkpoint is retried with the next write")]
    public static partial void CheckpointFailed(ILogger logger, string path, string reason);
}
