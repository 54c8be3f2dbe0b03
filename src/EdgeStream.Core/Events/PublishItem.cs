namespace EdgeStream.Core.Events;

/// <summary>What the publish stage fans out to the sinks: an event, a stream's state or a stream's status.</summary>
internal readonly record struct PublishItem(string StreamId, DetectionEvent? Event, StreamState? State, StreamStatus? Status)
{
    public static PublishItem Of(string streamId, DetectionEvent detectionEvent) => new(streamId, detectionEvent, null, null);

    public static PublishItem Of(string streamId, StreamState state) => new(streamId, null, state, null);

    public static PublishItem Of(string streamId, StreamStatus status) => new(streamId, null, null, status);
}
