using System.Security.Cryptography;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Tests.TestSupport;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>
/// A producer standing in for the pipeline's publish stage: events for several streams, one after another, each with a
/// per-stream sequence, handed to the sink as fast as <see cref="Interval"/> allows until stopped. Records the id, stream and payload hash of every event it produced (not the event: a burst of thousands stays small).
/// </summary>
internal sealed class EventStream(IEventSink sink, params string[] streams)
{
    private readonly List<ProducedEvent> _produced = [];
    private readonly Dictionary<string, long> _sequences = streams.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(10);

    public IReadOnlyList<ProducedEvent> Produced
    {
        get
        {
            lock (_produced)
            {
                return [.. _produced];
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await ProduceRoundAsync();
            if (Interval > TimeSpan.Zero)
            {
                await Task.Delay(Interval, CancellationToken.None);
            }
        }
    }

    /// <summary>One event per stream.</summary>
    public async Task ProduceRoundAsync()
    {
        foreach (var stream in streams)
        {
            var e = Samples.Event(++_sequences[stream], EventPhase.Update, stream);
            await sink.PublishAsync(e, CancellationToken.None);
            lock (_produced)
            {
                _produced.Add(new ProducedEvent(e.Id, e.Stream, Convert.ToHexString(SHA256.HashData(EventJson.Serialize(e)))));
            }
        }
    }
}

internal sealed record ProducedEvent(Guid Id, string Stream, string PayloadSha256);
