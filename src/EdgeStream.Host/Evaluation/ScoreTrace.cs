using EdgeStream.Core.Decisions;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// Every judged window of one replayed stream, in order: the scored sample's time, its score and whether the stream
/// was inside an anomaly event after it. Written by the inference stage during the replay, read after it ended.
/// </summary>
internal sealed class ScoreTrace : IAnomalyScoreRecorder
{
    private readonly List<DateTimeOffset> _timestamps = [];
    private readonly List<double> _scores = [];
    private readonly List<bool> _anomalous = [];

    /// <summary>Records the scored sample's time, its score (0 where the rule gave none, NaN) and the event state.</summary>
    public void Record(DateTimeOffset timestamp, in AnomalyStep scored)
    {
        _timestamps.Add(timestamp);
        _scores.Add(double.IsNaN(scored.Z) ? 0 : scored.Z);
        _anomalous.Add(scored.Anomalous);
    }

    /// <summary>
    /// Per row of the file (its timestamps), two scores: the raw score of the window that scored the row (0 where no
    /// window did: before the first window, or a row the source rejected), and the shipped detector's decision as
    /// NAB counts a detection, 1 on the row where an event started (it was confirmed there, from rows up to it) and
    /// 0 elsewhere.
    /// </summary>
    public (double[] Raw, double[] Detections) PerRow(IReadOnlyList<DateTime> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var raw = new double[rows.Count];
        var detections = new double[rows.Count];
        foreach (var (r, w) in Matches(rows))
        {
            raw[r] = _scores[w];
            detections[r] = _anomalous[w] && (w == 0 || !_anomalous[w - 1]) ? NabEvaluation.Detected : 0;
        }

        return (raw, detections);
    }

    /// <summary>Per row of the file, whether the stream was inside an anomaly event after judging it (false where no window did).</summary>
    public bool[] StateAt(IReadOnlyList<DateTime> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var state = new bool[rows.Count];
        foreach (var (r, w) in Matches(rows))
        {
            state[r] = _anomalous[w];
        }

        return state;
    }

    /// <summary>
    /// Pairs each judged window with the file row it scored, by timestamp; both run forward in time. A row no window
    /// scored (warm-up, a rejected sample) has no pair; of rows sharing one timestamp, the first gets the window.
    /// The benchmarks' timestamps carry no zone, and the CSV source reads such a timestamp as UTC.
    /// </summary>
    private IEnumerable<(int Row, int Window)> Matches(IReadOnlyList<DateTime> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var r = 0;
        for (var w = 0; w < _timestamps.Count && r < rows.Count; w++)
        {
            while (r < rows.Count && AsUtc(rows[r]) < _timestamps[w])
            {
                r++;
            }

            if (r < rows.Count && AsUtc(rows[r]) == _timestamps[w])
            {
                yield return (r, w);
            }
        }
    }

    private static DateTimeOffset AsUtc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
}
