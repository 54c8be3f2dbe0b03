namespace EdgeStream.Core.Sources;

/// <summary>Where a source puts its steps. Implemented by the pipeline; one per stream.</summary>
public interface IStepWriter
{
    /// <summary>Length of every step buffer: C*H*W for video, the channel count for sensors.</summary>
    int StepLength { get; }

    /// <summary>Rents a buffer of <see cref="StepLength"/> floats to fill. Ownership passes on with <see cref="Write"/> or back with <see cref="GiveBack"/>.</summary>
    float[] Rent();

    /// <summary>Gives back a rented buffer that was not written (the step was skipped).</summary>
    void GiveBack(float[] buffer);

    /// <summary>
    /// Hands a filled step on. Never blocks: when the consumer lags the oldest queued step is dropped
    /// (freshness beats completeness) and counted for this stream. Exception: a pipeline run lossless
    /// (replay, <c>PipelineOptions.Lossless</c>) makes the call wait for room instead.
    /// </summary>
    void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer);

    /// <summary>Counts and logs a step the source refused (corrupt frame, malformed or NaN sample, out-of-order time).</summary>
    void Reject(string reason);

    /// <summary>Reports the stream's health (published as the stream's retained status).</summary>
    void ReportHealth(StreamHealth health, string? reason = null);
}
