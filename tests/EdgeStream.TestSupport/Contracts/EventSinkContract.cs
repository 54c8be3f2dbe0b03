using EdgeStream.Core.Events;
using EdgeStream.Core.Sources;
using Xunit;

namespace EdgeStream.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IEventSink"/> promises, run by each sink and test double against the real thing it writes
/// to (a file, a text writer, a broker): an event it accepted is delivered, once and in order, also when several
/// streams publish at the same time; states and statuses never throw on a healthy sink (best effort); it has a
/// name; it can be disposed twice.
/// </summary>
public abstract class EventSinkContract
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh sink over a fresh destination.</summary>
    protected abstract Task<IEventSink> CreateAsync();

    /// <summary>
    /// The labels of the events the destination holds, in the order it got them, once <paramref name="count"/>
    /// arrived (or what arrived within a generous limit): read back the way a consumer reads it.
    /// </summary>
    protected abstract Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count);

    [Fact]
    public async Task Name_IsNotEmpty()
    {
        await using var sink = await CreateAsync();

        Assert.False(string.IsNullOrWhiteSpace(sink.Name));
    }

    [Fact]
    public async Task AcceptedEvents_AreDeliveredOnceInOrder()
    {
        await using var sink = await CreateAsync();
        var labels = Enumerable.Range(0, 5).Select(i => $"label{i}").ToList();

        for (var i = 0; i < labels.Count; i++)
        {
            await sink.PublishAsync(Event("cam1", i, labels[i]), CancellationToken.None);
        }

        Assert.Equal(labels, await DeliveredLabelsAsync(sink, labels.Count));
    }

    [Fact]
    public async Task EventsOfStreamsPublishingAtOnce_AreAllDelivered_InOrderPerStream()
    {
        await using var sink = await CreateAsync();
        const int Streams = 4;
        const int PerStream = 10;

        await Task.WhenAll(Enumerable.Range(0, Streams).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerStream; i++)
            {
                await sink.PublishAsync(Event($"cam{s}", i, $"s{s}e{i}"), CancellationToken.None);
            }
        })));

        var delivered = await DeliveredLabelsAsync(sink, Streams * PerStream);
        Assert.Equal(Streams * PerStream, delivered.Count);
        for (var s = 0; s < Streams; s++)
        {
            var prefix = $"s{s}e";
            Assert.Equal(Enumerable.Range(0, PerStream).Select(i => prefix + i), delivered.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task StatesAndStatuses_AreAccepted()
    {
        await using var sink = await CreateAsync();

        await sink.PublishStateAsync(new StreamState("edge-1", "cam1", "wave", "wave", 0.9, T0), CancellationToken.None);
        await sink.PublishStatusAsync(new StreamStatus("edge-1", "cam1", StreamHealth.Online, null, 10, 100, 0, 0, 5, 1, T0), CancellationToken.None);
        await sink.PublishStatusAsync(new StreamStatus("edge-1", "cam1", StreamHealth.Offline, "ended", 0, 100, 0, 0, 5, 1, T0.AddSeconds(1)), CancellationToken.None);
    }

    [Fact]
    public async Task DisposeAsync_CanBeCalledTwice()
    {
        var sink = await CreateAsync();
        await sink.PublishAsync(Event("cam1", 0, "label0"), CancellationToken.None);

        await sink.DisposeAsync();
        await sink.DisposeAsync();
    }

    /// <summary>An action start event of <paramref name="stream"/> with the given label; its sequence is <paramref name="sequence"/>.</summary>
    protected static DetectionEvent Event(string stream, long sequence, string label) => new()
    {
        Id = Guid.NewGuid(),
        Sequence = sequence,
        Type = EventType.Action,
        Phase = EventPhase.Start,
        Device = "edge-1",
        Stream = stream,
        Label = label,
        Score = 0.9,
        Timestamp = T0.AddSeconds(sequence),
        StartedAt = T0.AddSeconds(sequence),
        TopK = [new LabelScore(label, 0.9)],
        Window = new WindowInfo(sequence * 10, (sequence * 10) + 15, T0, T0.AddSeconds(sequence), 16, 0),
        Attention = new AttentionInfo([0.5, 0.5], sequence * 10, T0),
        Model = new ModelInfo("action", "1.0", "abc", "fp32", "cpu"),
        Latency = new LatencyInfo(12.5, 3.2),
    };
}
