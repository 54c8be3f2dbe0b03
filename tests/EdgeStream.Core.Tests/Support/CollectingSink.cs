using EdgeStream.Core.Events;

namespace EdgeStream.Core.Tests.Support;

/// <summary>A sink that keeps everything, optionally slowly or failing; runs the sink contract (Contracts/).</summary>
internal sealed class CollectingSink(string name = "collect") : IEventSink
{
    private readonly Lock _lock = new();
    private readonly List<DetectionEvent> _events = [];
    private readonly List<StreamState> _states = [];
    private readonly List<StreamStatus> _statuses = [];

    public string Name { get; } = name;

    /// <summary>Delay per event (a slow broker).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Every call throws (a broken sink).</summary>
    public bool Fail { get; init; }

    /// <summary>Thrown by every <see cref="PublishAsync"/> only (a sink whose disk is full; states and statuses still pass).</summary>
    public Exception? EventFailure { get; init; }

    public IReadOnlyList<DetectionEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<StreamStatus> Statuses
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses];
            }
        }
    }

    public IReadOnlyList<StreamState> States
    {
        get
        {
            lock (_lock)
            {
                return [.. _states];
            }
        }
    }

    public async Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        ThrowIfBroken();
        if (EventFailure is not null)
        {
            throw EventFailure;
        }

        lock (_lock)
        {
            _events.Add(detectionEvent);
        }
    }

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        lock (_lock)
        {
            _states.Add(state);
        }

        return Task.CompletedTask;
    }

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        lock (_lock)
        {
            _statuses.Add(status);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void ThrowIfBroken()
    {
        if (Fail)
        {
            throw new IOException($"sink {Name} is broken");
        }
    }
}
