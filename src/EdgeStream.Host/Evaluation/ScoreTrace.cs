using EdgeStream.Core.Decisions;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// Every judged window of one replayed stream, in order: the scored sample's time, its score and whether the stream
/// was inside an anomaly event after it. Written by the inference stage during the replay, read after it ended.
/// </summary>
internal sealed class ScoreTrace : IAnomalyScoreRecorder
{
    private readonly List<DateTimeOffset> _timestamps = [];
    private readonly List<double> _errors = [];
    private readonly List<double> _scores = [];
    private readonly List<bool> _anomalous = [];

    public int Count => _timestamps.Count;

    public IReadOnlyList<DateTimeOffset> Timestamps => _timestamps;

    /// <summary>The forecast error of each scored sample (before smoothing).</summary>
    public IReadOnlyList<double> Errors => _errors;

    /// <summary>The score of each scored sample (0 while the scorer learned its baseline).</summary>
    public IReadOnlyList<double> Scores => _scores;

    public IReadOnlyList<bool> Anomalous => _anomalous;

    public void Record(DateTimeOffset timestamp, in AnomalyStep scored)
    {
        _timestamps.Add(timestamp);
        _errors.Add(scored.Error);
        _scores.Add(double.IsNaN(scored.Z) ? 0 : scored.Z);
        _anomalous.Add(scored.Anomalous);
    }

    /// <summary>
    /// Per row of the file (its timestamps), two scores: the raw score of the window that scored the row (0 where no
    /// window did: before the first window, or a row the source rejected), and the shipped detector's decision as
    /// NAB counts a detection, 1 on the row where an event started (it was confirmed there, from rows up to it) and
    /// 0 elsewhere.
    /// </summary>
    public (double[] Raw, double[] Detections) PerRow(IReadOnlyList<DateTimeOffset> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var raw = new double[rows.Count];
        var detections = new double[rows.Count];
        foreach (var (r, w) in Matches(rows))
        {
            raw[r] = _scores[w];
            detections[r] = _anomalous[w] && (w == 0 || !_anomalous[w - 1]) ? 1 : 0;
        }

        return (raw, detections);
    }

    /// <summary>Per row of the file, whether the stream was inside an anomaly event after judging it (false where no window did).</summary>
    public bool[] StateAt(IReadOnlyList<DateTimeOffset> rows)
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
    /// </summary>
    private IEnumerable<(int Row, int Window)> Matches(IReadOnlyList<DateTimeOffset> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var r = 0;
        for (var w = 0; w < _timestamps.Count && r < rows.Count; w++)
        {
            while (r < rows.Count && rows[r] < _timestamps[w])
            {
                r++;
            }

            if (r < rows.Count && rows[r] == _timestamps[w])
            {
                yield return (r, w);
            }
        }
    }
}
