using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Events;

/// <summary>
/// The publish stage: fans each event, state and status out to every sink in order. A sink that throws
/// is logged and counted and the others still get the item; the pipeline never stops for a sink.
/// Sinks own their delivery guarantees (the MQTT sink commits to its outbox before returning).
/// </summary>
internal sealed class PublishStage
{
    private readonly ChannelReader<PublishItem> _reader;
    private readonly IEventSink[] _sinks;
    private readonly ILogger _logger;
    private long _published;
    private long _failures;

    public PublishStage(ChannelReader<PublishItem> reader, IReadOnlyList<IEventSink> sinks, ILogger logger)
    {
        _reader = reader;
        _sinks = [.. sinks];
        _logger = logger;
    }

    /// <summary>Events handed to the sinks (each once, however many sinks).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Sink calls that threw.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public async Task RunAsync(CancellationToken abort)
    {
        // Uncancellable wait (allocation-free); an abandoned drain completes the channel instead.
        while (await _reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            abort.ThrowIfCancellationRequested();
            while (_reader.TryRead(out var item))
            {
                foreach (var sink in _sinks)
                {
                    await PublishAsync(sink, item, abort).ConfigureAwait(false);
                }

                if (item.Event is not null)
                {
                    Interlocked.Increment(ref _published);
                }
            }
        }
    }

    private async Task PublishAsync(IEventSink sink, PublishItem item, CancellationToken abort)
    {
        try
        {
            if (item.Event is { } detectionEvent)
            {
                await sink.PublishAsync(detectionEvent, abort).ConfigureAwait(false);
            }
            else if (item.State is { } state)
            {
                await sink.PublishStateAsync(state, abort).ConfigureAwait(false);
            }
            else if (item.Status is { } status)
            {
                await sink.PublishStatusAsync(status, abort).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing sink must not stop the pipeline or the other sinks (docs/architecture.md, "Failures"); it is logged and counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            var what = item.Event is not null ? "event" : item.State is not null ? "state" : "status";
            EventsLog.SinkFailed(_logger, sink.Name, what, item.StreamId, ex);
        }
    }
}
