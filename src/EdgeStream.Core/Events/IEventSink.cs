namespace EdgeStream.Core.Events;

/// <summary>
/// Where events go (MQTT, console, JSONL). A sink must not lose an event it accepted: it returns
/// only once the event is delivered or durably queued, and throws when it can do neither.
/// </summary>
public interface IEventSink : IAsyncDisposable
{
    string Name { get; }

    Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken);

    /// <summary>The stream's current label and score (retained state topic); best effort.</summary>
    Task PublishStateAsync(StreamState state, CancellationToken cancellationToken);

    /// <summary>The stream's health and counters (retained status topic); best effort.</summary>
    Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken);
}
