namespace EdgeStream.Core.Events.Sinks;

/// <summary>
/// Hands every event, state and status to each sink in order. A failing sink does not keep the event from the
/// others; after all were tried the failure is rethrown (one sink) or aggregated, so the caller sees it.
/// </summary>
public sealed class FanOutEventSink(IReadOnlyList<IEventSink> sinks) : IEventSink
{
    public string Name => string.Join("+", sinks.Select(s => s.Name));

    public IReadOnlyList<IEventSink> Sinks => sinks;

    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken) =>
        ForEachAsync(s => s.PublishAsync(detectionEvent, cancellationToken));

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) =>
        ForEachAsync(s => s.PublishStateAsync(state, cancellationToken));

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken) =>
        ForEachAsync(s => s.PublishStatusAsync(status, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in sinks)
        {
            await sink.DisposeAsync();
        }
    }

    private async Task ForEachAsync(Func<IEventSink, Task> action)
    {
        List<Exception>? errors = null;
        foreach (var sink in sinks)
        {
            try
            {
                await action(sink);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is { Count: 1 })
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[0]);
        }

        if (errors is { Count: > 1 })
        {
            throw new AggregateException("several event sinks failed", errors);
        }
    }
}
