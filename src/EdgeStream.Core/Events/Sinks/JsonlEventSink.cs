using EdgeStream.Core.Events.Serialization;

namespace EdgeStream.Core.Events.Sinks;

/// <summary>
/// Events as JSON Lines: one event object per line, flushed after every event so a crash loses nothing that was
/// accepted and <c>tail -f</c> sees events at once. States and statuses are not written: the file is the event
/// record (replay's <c>--out</c>, compared with golden files).
/// </summary>
public sealed class JsonlEventSink : IEventSink
{
    private static readonly byte[] NewLine = [(byte)'\n'];
    private readonly FileStream _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    private JsonlEventSink(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    public string Name => "jsonl";

    public string Path { get; }

    /// <summary>Opens (creates or truncates; appends when <paramref name="append"/>) the file, creating its folder.</summary>
    public static JsonlEventSink Open(string path, bool append = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var file = new FileStream(full, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        return new JsonlEventSink(file, full);
    }

    public async Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken)
    {
        var json = EventJson.Serialize(detectionEvent);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _file.WriteAsync(json, cancellationToken);
            await _file.WriteAsync(NewLine, cancellationToken);
            await _file.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Dispose may be called more than once (the IAsyncDisposable rule; the host and a test both may); only the
        // first closes the file.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            await _file.DisposeAsync();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }
}
