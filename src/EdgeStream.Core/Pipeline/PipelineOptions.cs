namespace EdgeStream.Core.Pipeline;

/// <summary>Queue sizes and batching of the channels between stages.</summary>
public sealed class PipelineOptions
{
    /// <summary>Steps queued per stream before the oldest is dropped. Default 8.</summary>
    public int StepQueue { get; set; } = 8;

    /// <summary>Windows queued for inference before the oldest is dropped. Default 32.</summary>
    public int WindowQueue { get; set; } = 32;

    /// <summary>Events queued for the sinks; writers wait when full, events are never dropped. Default 1024.</summary>
    public int EventQueue { get; set; } = 1024;

    /// <summary>Longest wait for a batch to fill, in milliseconds. Default 2.</summary>
    public double MaxBatchWaitMs { get; set; } = 2;

    /// <summary>Each stream's status and state are republished this often (seconds, wall time). Default 5.</summary>
    public double StatusIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Lossless (replay): instead of dropping, a full step or window queue makes its writer wait, so every step
    /// is windowed and every window judged and a replay is deterministic. Live streams want false (freshness). Default false.
    /// </summary>
    public bool Lossless { get; set; }

    /// <summary>After a stop is requested, queued work drains for at most this long (seconds) before it is abandoned. Default 10.</summary>
    public double DrainTimeoutSeconds { get; set; } = 10;
}
