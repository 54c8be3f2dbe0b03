namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// What a detector said about a contiguous run of one file's rows: row <see cref="FirstRow"/> + i is predicted
/// anomalous when <c>Anomaly[i]</c>, and a changepoint when <c>Changepoint[i]</c>. Rows outside the run (a
/// detector's warm-up, say) have no prediction; see <see cref="SkabScorer"/> for how they are scored.
/// </summary>
public sealed class SkabPrediction
{
    private readonly bool[] _anomaly;
    private readonly bool[] _changepoint;

    /// <summary>A prediction for rows <paramref name="firstRow"/> .. <paramref name="firstRow"/> + count - 1 of <paramref name="file"/>.</summary>
    /// <param name="file">The <see cref="SkabFile.Name"/> of the file (<c>valve1/0</c>).</param>
    /// <param name="firstRow">The file row of the first prediction: 0 for a replay of the whole file (the rows of the train part are then ignored).</param>
    /// <param name="anomaly">The outlier track's prediction, one per row.</param>
    /// <param name="changepoint">The changepoint track's prediction, one per row (<see cref="SkabChangepoints"/> derives it from <paramref name="anomaly"/> as SKAB's notebooks do).</param>
    public SkabPrediction(string file, int firstRow, IReadOnlyList<bool> anomaly, IReadOnlyList<bool> changepoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentNullException.ThrowIfNull(changepoint);
        if (anomaly.Count != changepoint.Count)
        {
            throw new ArgumentException($"{file}: {anomaly.Count} anomaly but {changepoint.Count} changepoint predictions");
        }

        File = file;
        FirstRow = firstRow;
        _anomaly = [.. anomaly];
        _changepoint = [.. changepoint];
    }

    /// <summary>A prediction whose changepoints are the edges of <paramref name="anomaly"/> (<see cref="SkabChangepoints.FromAnomalyEdges"/>).</summary>
    public static SkabPrediction FromAnomalies(string file, int firstRow, IReadOnlyList<bool> anomaly) =>
        new(file, firstRow, anomaly, SkabChangepoints.FromAnomalyEdges(anomaly));

    public string File { get; }

    public int FirstRow { get; }

    /// <summary>How many rows the prediction covers.</summary>
    public int RowCount => _anomaly.Length;

    public IReadOnlyList<bool> Anomaly => _anomaly;

    public IReadOnlyList<bool> Changepoint => _changepoint;
}
