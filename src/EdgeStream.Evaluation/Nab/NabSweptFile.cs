namespace EdgeStream.Evaluation.Nab;

/// <summary>Where one labelled window lies in a file's rows.</summary>
/// <param name="Scored">Whether any of its rows is past the probationary period (NAB scores only those windows).</param>
internal readonly record struct NabWindowSpan(NabWindow Window, int FirstRow, int LastRow, bool Scored)
{
    public int Width => LastRow - FirstRow + 1;
}

/// <summary>
/// One file prepared for scoring, independent of profile and threshold (NAB's <c>calcSweepScore</c>): which window
/// each row lies in and the unweighted sigmoid each row would score if it were a detection. Scoring at a threshold, or
/// sweeping all thresholds, then only weights and sums these.
/// </summary>
internal sealed class NabSweptFile
{
    private NabSweptFile(NabFileRows rows, int probationaryLength, int[] windowOfRow, double[] sigmoid, NabWindowSpan[] windows)
    {
        Rows = rows;
        ProbationaryLength = probationaryLength;
        WindowOfRow = windowOfRow;
        Sigmoid = sigmoid;
        Windows = windows;
    }

    public NabFileRows Rows { get; }

    /// <summary>Rows before this index are NAB's probationary period: not scored at all.</summary>
    public int ProbationaryLength { get; }

    /// <summary>Per row: the index into <see cref="Windows"/> of the window it lies in, or -1 outside windows.</summary>
    public int[] WindowOfRow { get; }

    /// <summary>Per row: sigma(y) inside a window (in (0, 0.9866]), outside one sigma of the distance past the last window, or -1.</summary>
    public double[] Sigmoid { get; }

    public NabWindowSpan[] Windows { get; }

    public int ScoredWindows => Windows.Count(w => w.Scored);

    /// <summary>The row's NAB score if it were a detection, under <paramref name="profile"/>'s weights (S(t)).</summary>
    public double Weighted(int row, NabProfile profile) => WindowOfRow[row] >= 0
        ? Sigmoid[row] * profile.TruePositiveWeight / NabSigmoid.MaxTruePositive
        : Sigmoid[row] * profile.FalsePositiveWeight;

    /// <exception cref="ArgumentException">A window's start or end is not a row's timestamp, or windows overlap in rows.</exception>
    public static NabSweptFile Build(NabFileRows rows, IReadOnlyList<NabWindow> windows)
    {
        var spans = Locate(rows, windows);
        var windowOfRow = new int[rows.Count];
        var sigmoid = new double[rows.Count];
        var current = -1;
        var next = 0;
        var previousRight = -1;
        var previousWidth = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (next < spans.Length && i == spans[next].FirstRow)
            {
                current = next++;
            }

            windowOfRow[i] = current;
            if (current >= 0)
            {
                // -(rows left in the window, this one included) / width: -1 at the first row, -1/width at the last.
                var span = spans[current];
                sigmoid[i] = NabSigmoid.Scaled(-(double)(span.LastRow - i + 1) / span.Width);
                if (i == span.LastRow)
                {
                    previousRight = i;
                    previousWidth = span.Width;
                    current = -1;
                }
            }
            else
            {
                // Before any window NAB charges a full FP. After one, the charge grows with the distance in window
                // widths; a one-row window divides by zero (NAB would raise), which here means "far past it": -1.
                sigmoid[i] = previousRight < 0 ? -1.0 : NabSigmoid.Scaled(Math.Abs(previousRight - i) / (previousWidth - 1.0));
            }
        }

        return new NabSweptFile(rows, NabScorer.ProbationaryLength(rows.Count), windowOfRow, sigmoid, spans);
    }

    private static NabWindowSpan[] Locate(NabFileRows rows, IReadOnlyList<NabWindow> windows)
    {
        // NAB finds a window's limits by the first row with that exact timestamp (timestamps.index).
        var firstRowAt = new Dictionary<DateTime, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            firstRowAt.TryAdd(rows.Timestamps[i], i);
        }

        var probation = NabScorer.ProbationaryLength(rows.Count);
        var spans = new NabWindowSpan[windows.Count];
        for (var w = 0; w < windows.Count; w++)
        {
            var first = RowOf(firstRowAt, windows[w].Start, rows.File);
            var last = RowOf(firstRowAt, windows[w].End, rows.File);
            if (last < first || (w > 0 && first <= spans[w - 1].LastRow))
            {
                throw new ArgumentException($"{rows.File}: window {w} spans rows {first}..{last}, reversed or overlapping the window before");
            }

            spans[w] = new NabWindowSpan(windows[w], first, last, last >= probation);
        }

        return spans;
    }

    // NAB would silently skip a window whose start is not a row (and every window after it); a replay that lost rows
    // must not score as if the anomaly had not been labelled, so this refuses it.
    private static int RowOf(Dictionary<DateTime, int> firstRowAt, DateTime time, string file) =>
        firstRowAt.TryGetValue(time, out var row)
            ? row
            : throw new ArgumentException($"{file}: no row has the window limit's timestamp {time:yyyy-MM-dd HH:mm:ss.ffffff}");
}
