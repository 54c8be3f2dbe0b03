namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// A detector's output for one NAB data file: one anomaly score per row of the file, in the file's row order. This is
/// what a replay of the file through a detector produces, and all the scorer needs besides the labels. Every row of
/// the data file needs a score, also those a detector is still warming up on (give them 0, as NAB's detectors do):
/// the probationary period and the windows are counted in rows of the whole file.
/// </summary>
public sealed class NabFileRows
{
    /// <summary>The rows of one file.</summary>
    /// <param name="file">The file's path relative to NAB's <c>data/</c>, as in the labels (e.g. <c>realKnownCause/nyc_taxi.csv</c>).</param>
    /// <param name="timestamps">Every row's timestamp, as in the data file: windows are found by matching them exactly.</param>
    /// <param name="scores">Every row's anomaly score; a row is a detection when its score is at least the threshold.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or a score is NaN or infinite.</exception>
    public NabFileRows(string file, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> scores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(scores);
        if (timestamps.Count != scores.Count)
        {
            throw new ArgumentException($"{file}: {timestamps.Count} timestamps but {scores.Count} scores", nameof(scores));
        }

        for (var i = 0; i < scores.Count; i++)
        {
            // A NaN compares false with every threshold, so it would be silently "not a detection"; say so instead.
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"{file}: row {i} has anomaly score {scores[i]}", nameof(scores));
            }
        }

        File = file;
        Timestamps = timestamps;
        Scores = scores;
    }

    /// <summary>The file's path relative to NAB's <c>data/</c> (forward slashes, as in the labels).</summary>
    public string File { get; }

    /// <summary>Every row's timestamp.</summary>
    public IReadOnlyList<DateTime> Timestamps { get; }

    /// <summary>Every row's anomaly score.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Scores.Count;

    /// <summary>The file's category: the folder it lies in (e.g. <c>realKnownCause</c>), or "" for a file at the top.</summary>
    public string Category => CategoryOf(File);

    /// <summary>The category of a file path relative to <c>data/</c>: its folder.</summary>
    public static string CategoryOf(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var slash = file.LastIndexOf('/');
        return slash < 0 ? "" : file[..slash];
    }
}
