namespace EdgeStream.Core.Decisions;

/// <summary>
/// One stream's anomaly rule: fed each scored sample's forecast and actual value in order, it says how anomalous
/// the sample is and when an event starts and ends. Two rules: <see cref="AnomalyScorer"/> (z of the smoothed
/// forecast error, kind <c>zscore</c>) and <see cref="LikelihoodScorer"/> (kind <c>likelihood</c>).
/// </summary>
public interface IAnomalyScorer
{
    /// <summary>Inside an anomaly event after the last sample.</summary>
    bool IsAnomalous { get; }

    /// <summary>Highest score of the open (or last) event.</summary>
    double PeakZ { get; }

    /// <summary>
    /// A warm-up sample (the stream's first samples, which set its normalisation): learned from, never judged. Only
    /// scorers for which <see cref="AnomalyScoreParams.CalibratesOnWarmup"/> holds are sent any.
    /// </summary>
    void Calibrate(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual);

    /// <summary>Scores the next sample: the model's forecast of it and its actual (normalised) value.</summary>
    AnomalyStep Update(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual);
}
