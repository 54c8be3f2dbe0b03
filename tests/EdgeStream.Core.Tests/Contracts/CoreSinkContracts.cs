using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Core.Tests.Support;
using EdgeStream.TestSupport.Contracts;

namespace EdgeStream.Core.Tests.Contracts;

public sealed class CollectingSinkContract : EventSinkContract
{
    protected override Task<IEventSink> CreateAsync() => Task.FromResult<IEventSink>(new CollectingSink());

    protected override Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count) =>
        Task.FromResult<IReadOnlyList<string>>([.. ((CollectingSink)sink).Events.Select(e => e.Label)]);
}

/// <summary>Fan-out over two sinks: each gets every event.</summary>
public sealed class FanOutEventSinkContract : EventSinkContract
{
    protected override Task<IEventSink> CreateAsync() => Task.FromResult<IEventSink>(new FanOutEventSink([new CollectingSink("a"), new CollectingSink("b")]));

    protected override Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count)
    {
        var sinks = ((FanOutEventSink)sink).Sinks.Cast<CollectingSink>().Select(s => s.Events).ToList();

        // Streams publishing at once interleave differently at each sink; per stream, both saw the same order.
        foreach (var stream in sinks[0].Select(e => e.Stream).Distinct())
        {
            Assert.Equal(sinks[0].Where(e => e.Stream == stream).Select(e => e.Label), sinks[1].Where(e => e.Stream == stream).Select(e => e.Label));
        }

        Assert.Equal(sinks[0].Count, sinks[1].Count);
        return Task.FromResult<IReadOnlyList<string>>([.. sinks[0].Select(e => e.Label)]);
    }
}

/// <summary>The console sink, read back as lines: "time stream PHASE label score (...)".</summary>
public sealed class ConsoleEventSinkContract : EventSinkContract, IDisposable
{
    private readonly StringWriter _console = new();

    protected override Task<IEventSink> CreateAsync() => Task.FromResult<IEventSink>(new ConsoleEventSink(_console));

    protected override Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count) =>
        Task.FromResult<IReadOnlyList<string>>([.. _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(words => words[2] == "START")
            .Select(words => words[3])]);

    public void Dispose() => _console.Dispose();
}

/// <summary>The JSON Lines sink, read back from its file as a consumer parses it.</summary>
public sealed class JsonlEventSinkContract : EventSinkContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-jsonl-contract-").FullName;

    protected override Task<IEventSink> CreateAsync() => Task.FromResult<IEventSink>(JsonlEventSink.Open(Path.Combine(_folder, "events.jsonl")));

    protected override async Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count)
    {
        var path = ((JsonlEventSink)sink).Path;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(line => EventJson.DeserializeEvent(System.Text.Encoding.UTF8.GetBytes(line)).Label)];
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
