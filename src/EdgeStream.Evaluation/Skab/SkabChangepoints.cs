namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// SKAB's detectors output anomaly flags only; its notebooks derive the changepoint predictions from them.
/// These are those two rules, so a pipeline that flags anomalies is scored on both tracks the same way.
/// </summary>
public static class SkabChangepoints
{
    /// <summary>
    /// A changepoint wherever the flag changes, in either direction, and at the first row when it is flagged
    /// (<c>cp = abs(prediction.diff()); cp[0] = prediction[0]</c>: Conv-AE, LSTM-AE, MSET, MSCRED, T-squared(+Q),
    /// Vanilla AE, Vanilla LSTM).
    /// </summary>
    public static bool[] FromAnomalyEdges(IReadOnlyList<bool> anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var changepoint = new bool[anomaly.Count];
        for (var i = 0; i < anomaly.Count; i++)
        {
            changepoint[i] = i == 0 ? anomaly[0] : anomaly[i] != anomaly[i - 1];
        }

        return changepoint;
    }

    /// <summary>
    /// The edges of the flags' rolling maximum over <paramref name="window"/> rows, the first
    /// <paramref name="window"/> - 1 rows' maximum taken as 0 (pandas' <c>rolling(30).max().fillna(0)</c>), and
    /// the first row a changepoint when the raw flag is set there (<c>cp[0] = prediction[0]</c>, not the rolling
    /// value): the Isolation forest and ArimaFD notebooks, with <paramref name="window"/> = 30. The rolling
    /// maximum holds a flag for <paramref name="window"/> rows, so flickering flags make one changepoint, not many.
    /// </summary>
    public static bool[] FromRollingMaxEdges(IReadOnlyList<bool> anomaly, int window)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var held = new bool[anomaly.Count];
        var lastFlag = -1;
        for (var i = 0; i < anomaly.Count; i++)
        {
            if (anomaly[i])
            {
                lastFlag = i;
            }

            held[i] = i >= window - 1 && lastFlag >= 0 && i - lastFlag < window;
        }

        var changepoint = new bool[anomaly.Count];
        for (var i = 0; i < anomaly.Count; i++)
        {
            changepoint[i] = i == 0 ? anomaly[0] : held[i] != held[i - 1];
        }

        return changepoint;
    }
}
