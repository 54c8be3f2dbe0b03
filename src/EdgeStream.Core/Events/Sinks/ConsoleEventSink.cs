namespace EdgeStream.Core.Events.Sinks;

/// <summary>
/// Prints one line per event to a text writer (stdout by default). States are not printed (one per window would
/// drown the events); a stream status is printed when its health or reason changes.
/// </summary>
public sealed class ConsoleEventSink(TextWriter writer, bool withDevice = false) : IEventSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Sources.StreamHealth Health, string? Reason)> _lastStatus = new(StringComparer.Ordinal);

    public ConsoleEventSink()
        : this(Console.Out)
    {
    }

    public string Name => "console";

    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken)
    {
        var line = EventLineFormatter.Format(detectionEvent, withDevice);
        return WriteLineAsync(line);
    }

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            var key = status.Device + "/" + status.Stream;
            if (_lastStatus.TryGetValue(key, out var last) && last.Health == status.Health && last.Reason == status.Reason)
            {
                return Task.CompletedTask;
            }

            _lastStatus[key] = (status.Health, status.Reason);
        }

        return WriteLineAsync(EventLineFormatter.Format(status, withDevice));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task WriteLineAsync(string line)
    {
        // TextWriter is not thread-safe; lines from several streams must not interleave.
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }

        return Task.CompletedTask;
    }
}
