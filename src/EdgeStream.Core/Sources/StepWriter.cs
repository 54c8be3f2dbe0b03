using System.Threading.Channels;
using EdgeStream.Core.Buffers;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Sources;

/// <summary>
/// The <see cref="IStepWriter"/> a source gets, and the source side's state of its stream: the buffer pool,
/// the bounded step channel (DropOldest for frames; its drop callback returns the buffer and counts the drop; Wait
/// when the pipeline runs lossless and for sensor samples), the counters and the health the source reports. A write wakes the window
/// stage through <see cref="StepSignal"/>. After <see cref="Complete"/> a write only returns the buffer.
/// </summary>
internal sealed class StepWriter : IStepWriter
{
    private readonly Channel<StepItem> _steps;
    private readonly StepSignal _signal;
    private readonly Action<int> _healthChanged;
    private readonly ILogger _logger;

    /// <param name="index">The stream's position in the pipeline.</param>
    /// <param name="streamId">The stream's id (logs and messages).</param>
    /// <param name="stepLength">Floats per step buffer.</param>
    /// <param name="queue">Steps queued before the oldest is dropped (or, lossless, before a write waits).</param>
    /// <param name="lossless">Wait for room instead of dropping (replay, and every sensor stream).</param>
    /// <param name="signal">Rung after every write and at the end.</param>
    /// <param name="healthChanged">Called with <paramref name="index"/> when the reported health changed, so the status is published at once.</param>
    /// <param name="logger">Where rejects and health changes are logged.</param>
    public StepWriter(int index, string streamId, int stepLength, int queue, bool lossless, StepSignal signal, Action<int> healthChanged, ILogger logger)
    {
        Index = index;
        StreamId = streamId;
        _signal = signal;
        _healthChanged = healthChanged;
        _logger = logger;
        Pool = new BufferPool(stepLength, Math.Max(16, (queue * 2) + 4));
        _steps = Channel.CreateBounded<StepItem>(
            new BoundedChannelOptions(Math.Max(1, queue))
            {
                FullMode = lossless ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnStepDropped);
    }

    public int Index { get; }

    public string StreamId { get; }

    public BufferPool Pool { get; }

    public SourceCounters Counters { get; } = new();

    public SourceHealth Health { get; } = new();

    /// <summary>What the window stage reads.</summary>
    public ChannelReader<StepItem> Steps => _steps.Reader;

    /// <summary>Stops a lossless write that waits for room (the source was asked to stop).</summary>
    public CancellationToken Stopping { get; set; }

    public int StepLength => Pool.Length;

    /// <summary>Buffers rented by the source and not yet written or given back.</summary>
    public BufferLedger Ledger { get; } = new();

    public float[] Rent() => Ledger.RentFrom(Pool);

    public void GiveBack(float[] buffer) => Ledger.GiveBackTo(Pool, buffer, StreamId);

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        Ledger.HandedOn(buffer, StepLength, StreamId);
        var item = new StepItem(Index, sequence, timestamp, capturedAt, buffer, Pool);
        if (!_steps.Writer.TryWrite(item) && !WaitAndWrite(item))
        {
            item.Release();
            return;
        }

        Interlocked.Increment(ref Counters.Steps);
        _signal.Ring();
    }

    public void Reject(string reason)
    {
        if (Interlocked.Increment(ref Counters.Rejected) == 1)
        {
            SourceLog.FirstReject(_logger, StreamId, reason);
        }
        else
        {
            SourceLog.Reject(_logger, StreamId, reason);
        }
    }

    public void ReportHealth(StreamHealth health, string? reason = null)
    {
        if (!Health.Set(health, reason))
        {
            return;
        }

        SourceLog.HealthChanged(_logger, StreamId, health, reason is null ? "" : $": {reason}");
        _healthChanged(Index);
    }

    /// <summary>The source returned: no more steps; the window stage drains and ends the stream.</summary>
    public void Complete()
    {
        _steps.Writer.TryComplete();
        _signal.Ring();
    }

    /// <summary>Lossless mode (replay, sensor samples): the channel waits instead of dropping; block this source until there is room.</summary>
    private bool WaitAndWrite(StepItem item)
    {
        var writer = _steps.Writer;
        try
        {
            while (writer.WaitToWriteAsync(Stopping).AsTask().GetAwaiter().GetResult())
            {
                if (writer.TryWrite(item))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the step is given back and the source sees the cancellation itself.
        }

        return false;
    }

    private void OnStepDropped(StepItem item)
    {
        item.Release();
        Interlocked.Increment(ref Counters.StepsDropped);
    }
}
