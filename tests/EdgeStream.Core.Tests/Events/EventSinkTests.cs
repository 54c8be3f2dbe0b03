using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Tests.Support;

namespace EdgeStream.Core.Tests.Events;

public sealed class EventSinkTests
{
    [Fact]
    public async Task ConsoleSink_Start_OneReadableLine()
    {
        using var writer = new StringWriter();
        await using var sink = new ConsoleEventSink(writer);

        await sink.PublishAsync(EventSamples.Event(), CancellationToken.None);

        Assert.Equal("12:00:01.234 cam1 START fall 0.97 (frames 120-135)" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public async Task ConsoleSink_End_ShowsDurationAndDevice()
    {
        using var writer = new StringWriter();
        await using var sink = new ConsoleEventSink(writer, withDevice: true);

        await sink.PublishAsync(EventSamples.Event(phase: EventPhase.End), CancellationToken.None);

        Assert.Equal("12:00:01.234 dev1/cam1 END fall 0.97 (frames 120-135, 3.3 s)", writer.ToString().TrimEnd());
    }

    [Fact]
    public async Task ConsoleSink_RepeatedStatus_PrintedOnlyWhenHealthChanges()
    {
        using var writer = new StringWriter();
        await using var sink = new ConsoleEventSink(writer);

        await sink.PublishStatusAsync(EventSamples.Status(StreamHealth.Online), CancellationToken.None);
        await sink.PublishStatusAsync(EventSamples.Status(StreamHealth.Online), CancellationToken.None);
        await sink.PublishStatusAsync(EventSamples.Status(StreamHealth.Offline, "stalled: no frame for 5 s"), CancellationToken.None);
        await sink.PublishStateAsync(new StreamState("dev1", "cam1", null, "walk", 0.3, EventSamples.T0), CancellationToken.None);

        var lines = writer.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("12:00:01.234 cam1 online (fps 25.0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("12:00:01.234 cam1 offline: stalled: no frame for 5 s", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonlSink_Events_OneParsableLineEachFlushedBeforeDispose()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgestream-{Guid.NewGuid():N}", "events.jsonl");
        var sink = JsonlEventSink.Open(path);
        try
        {
            await sink.PublishAsync(EventSamples.Event(1), CancellationToken.None);
            await sink.PublishAsync(EventSamples.Event(2, EventPhase.End), CancellationToken.None);

            // Read while the sink is still open: flushed per event, visible to another reader at once.
            string[] lines;
            using (var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
            {
                lines = (await reader.ReadToEndAsync()).Split('\n');
            }

            Assert.Equal(3, lines.Length);
            Assert.Equal("", lines[2]);
            Assert.Equal(1, EventJson.DeserializeEvent(System.Text.Encoding.UTF8.GetBytes(lines[0])).Sequence);
            Assert.Equal(EventPhase.End, EventJson.DeserializeEvent(System.Text.Encoding.UTF8.GetBytes(lines[1])).Phase);
        }
        finally
        {
            await sink.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task JsonlSink_OpenAgain_TruncatesUnlessAppend()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgestream-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var first = JsonlEventSink.Open(path))
            {
                await first.PublishAsync(EventSamples.Event(1), CancellationToken.None);
            }

            await using (var appended = JsonlEventSink.Open(path, append: true))
            {
                await appended.PublishAsync(EventSamples.Event(2), CancellationToken.None);
            }

            Assert.Equal(2, (await File.ReadAllLinesAsync(path)).Length);

            await using (var truncated = JsonlEventSink.Open(path))
            {
                await truncated.PublishAsync(EventSamples.Event(3), CancellationToken.None);
            }

            Assert.Single(await File.ReadAllLinesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FanOut_OneSinkFails_OthersStillGetTheEventAndFailureSurfaces()
    {
        using var writer = new StringWriter();
        var failing = new CollectingSink("failing") { EventFailure = new IOException("disk full") };
        await using var fanOut = new FanOutEventSink([failing, new ConsoleEventSink(writer)]);

        var ex = await Assert.ThrowsAsync<IOException>(() => fanOut.PublishAsync(EventSamples.Event(), CancellationToken.None));

        Assert.Equal("disk full", ex.Message);
        Assert.Contains("START fall", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal("failing+console", fanOut.Name);
    }

}
