namespace EdgeStream.Core.Decisions;

/// <summary>
/// Hears every judged window of an anomaly stream, not only the events: what <c>edgestream evaluate</c> scores
/// with the benchmarks' rules (NAB sweeps a threshold over the per-row scores). Called on the inference stage's
/// thread, once per window, in stream order; it must be quick and must not throw.
/// </summary>
public interface IAnomalyScoreRecorder
{
    /// <param name="timestamp">The scored sample's time (the window's target step).</param>
    /// <param name="scored">What the scorer made of it: forecast error, smoothed error, score (the z its threshold is
    /// compared with; NaN while the baseline is learned), whether the stream is inside an anomaly event after it.</param>
    void Record(DateTimeOffset timestamp, in AnomalyStep scored);
}
