using EdgeStream.Core.Events;

namespace EdgeStream.Host.Replay;

/// <summary>Keeps every event in publish order, for the replay summary and for tests.</summary>
internal sealed class EventRecorder : IEventSink
{
    private readonly Lock _gate = new();
    private readonly List<DetectionEvent> _events = [];

    public string Name => "recorder";

    public IReadOnlyList<DetectionEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add(detectionEvent);
        }

        return Task.CompletedTask;
    }

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
