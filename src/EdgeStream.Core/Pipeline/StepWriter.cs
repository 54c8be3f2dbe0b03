using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// The <see cref="IStepWriter"/> a source gets: rents from the stream's pool and writes to its bounded
/// DropOldest step channel (the channel's drop callback returns the buffer and counts the drop), then
/// wakes the step stage. Never blocks. After the stream's channel is completed a write only returns the buffer.
/// </summary>
internal sealed class StepWriter : IStepWriter
{
    private readonly StreamRuntime _stream;
    private readonly StepStage _stage;
    private readonly StatusReporter _status;
    private readonly ILogger _logger;

    public StepWriter(StreamRuntime stream, StepStage stage, StatusReporter status, ILogger logger)
    {
        _stream = stream;
        _stage = stage;
        _status = status;
        _logger = logger;
    }

    public int StepLength => _stream.FramePool.Length;

    public float[] Rent() => _stream.FramePool.Rent();

    public void GiveBack(float[] buffer) => _stream.FramePool.Return(buffer);

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length != StepLength)
        {
            throw new ArgumentException($"Stream '{_stream.Id}': a step has {StepLength} floats, the buffer {buffer.Length}; rent buffers from the writer.", nameof(buffer));
        }

        var item = new StepItem(_stream.Index, sequence, timestamp, capturedAt, buffer, _stream.FramePool);
        if (!_stream.Steps.Writer.TryWrite(item) && !WaitAndWrite(item))
        {
            item.Release();
            return;
        }

        Interlocked.Increment(ref _stream.Counters.Steps);
        _stage.Signal();
    }

    /// <summary>Lossless mode: the channel waits instead of dropping; block this source until there is room.</summary>
    private bool WaitAndWrite(StepItem item)
    {
        var writer = _stream.Steps.Writer;
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

    public void Reject(string reason)
    {
        if (Interlocked.Increment(ref _stream.Counters.Rejected) == 1)
        {
            PipelineLog.FirstReject(_logger, _stream.Id, reason);
        }
        else
        {
            PipelineLog.Reject(_logger, _stream.Id, reason);
        }
    }

    public void ReportHealth(StreamHealth health, string? reason = null) => _status.Report(_stream, health, reason);

    /// <summary>Stops a lossless write that waits for room (the source was asked to stop).</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>The source returned or failed: no more steps; the step stage drains and ends the stream.</summary>
    public void Complete()
    {
        _stream.Steps.Writer.TryComplete();
        _stage.Signal();
    }
}
