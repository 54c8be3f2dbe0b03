namespace EdgeStream.Core.Windows;

/// <summary>
/// Where a window came from: first/last step (source sequence number and stream timestamp), the capture
/// time of its newest step (for capture-to-decision latency), steps used, and steps the pipeline dropped
/// for this stream since the previous window. <c>Warmup</c>: made of the normaliser's warm-up samples, for a
/// scorer that calibrates on them (it is judged, never turned into events). A struct: it travels with every window.
/// </summary>
public readonly record struct WindowMeta(
    long FirstSequence,
    long LastSequence,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp,
    DateTimeOffset LastCapturedAt,
    int StepsUsed,
    long StepsDropped,
    bool Warmup = false);
