using EdgeStream.Core.Events;

namespace EdgeStream.Core.Pipeline;

/// <summary>What the publish stage fans out to the sinks: an event, a stream's state or a stream's status.</summary>
internal readonly record struct PublishItem(StreamRuntime Stream, DetectionEvent? Event, StreamState? State, StreamStatus? Status)
{
    public static PublishItem Of(StreamRuntime stream, DetectionEvent detectionEvent) => new(stream, detectionEvent, null, null);

    public static PublishItem Of(StreamRuntime stream, StreamState state) => new(stream, null, state, null);

    public static PublishItem Of(StreamRuntime stream, StreamStatus status) => new(stream, null, null, status);
}
