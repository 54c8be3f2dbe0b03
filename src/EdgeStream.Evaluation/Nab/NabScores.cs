namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// NAB's confusion counts. They count rows, as NAB's <c>*_scores.csv</c> do, not windows: a window detected on 3 of
/// its 40 rows adds 3 true positives and 37 false negatives. Probationary rows are in none of them.
/// </summary>
public readonly record struct NabCounts(int TruePositives, int TrueNegatives, int FalsePositives, int FalseNegatives)
{
    /// <summary>The rows counted: every row past the probationary period.</summary>
    public int Total => TruePositives + TrueNegatives + FalsePositives + FalseNegatives;

    /// <summary>The counts of several files together.</summary>
    public static NabCounts Sum(IEnumerable<NabCounts> counts) => counts.Aggregate(default(NabCounts), (a, b) => new NabCounts(
        a.TruePositives + b.TruePositives, a.TrueNegatives + b.TrueNegatives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives));
}

/// <summary>How one labelled window scored.</summary>
/// <param name="FirstRow">Its first row in the file.</param>
/// <param name="LastRow">Its last row (inclusive).</param>
/// <param name="Scored">False only for a window wholly inside the probationary period, which NAB ignores (its labeler drops them).</param>
/// <param name="DetectionRow">The earliest detection in it, or null when it was missed.</param>
/// <param name="Score">The earliest detection's sigmoid score (A_TP at the first row), -A_FN when missed, 0 when not scored.</param>
public sealed record NabWindowScore(NabWindow Window, int FirstRow, int LastRow, bool Scored, int? DetectionRow, double Score);

/// <summary>One file scored at one threshold under one profile.</summary>
/// <param name="RawScore">NAB's score S: the windows' scores plus every false-positive row's (negative) score.</param>
/// <param name="NullScore">What a detector that never fires scores on the file: -A_FN per scored window.</param>
/// <param name="PerfectScore">What a detector that fires at every window's first row scores: A_TP per scored window.</param>
/// <param name="TotalRows">All the file's rows, the probationary ones included (NAB's <c>Total_Count</c>).</param>
/// <param name="ProbationaryRows">The leading rows NAB ignores: min(floor(0.15 N), 750).</param>
/// <param name="RowScores">NAB's S(t) per row: what the row scores if it is a detection (probationary rows included).</param>
public sealed record NabFileScore(
    string File,
    double Threshold,
    double RawScore,
    double NullScore,
    double PerfectScore,
    NabCounts Counts,
    int TotalRows,
    int ProbationaryRows,
    IReadOnlyList<NabWindowScore> Windows,
    IReadOnlyList<double> RowScores)
{
    /// <summary>The folder of the file (e.g. <c>realKnownCause</c>).</summary>
    public string Category => NabFileRows.CategoryOf(File);
}

/// <summary>Totals over a set of files: the corpus, or one category.</summary>
/// <param name="Name">The category, or <see cref="NabTotals.CorpusName"/> for all the files scored.</param>
/// <param name="DetectedWindows">Scored windows with at least one detection.</param>
public sealed record NabTotals(
    string Name,
    int Files,
    int Windows,
    int DetectedWindows,
    double RawScore,
    double NullScore,
    double PerfectScore,
    NabCounts Counts,
    int TotalRows)
{
    /// <summary>The name of the totals over all the files scored.</summary>
    public const string CorpusName = "Totals";

    /// <summary>
    /// NAB's normalised score, 100·(S - S_null)/(S_perfect - S_null), with null and perfect taken over these files only,
    /// so a subset of the corpus normalises on its own windows. Null when the files hold no scored window (0/0).
    /// </summary>
    public double? NormalisedScore => PerfectScore > NullScore ? 100.0 * (RawScore - NullScore) / (PerfectScore - NullScore) : null;

    internal static NabTotals Of(string name, IReadOnlyCollection<NabFileScore> files)
    {
        var windows = files.SelectMany(f => f.Windows).Where(w => w.Scored).ToList();
        // Summed file by file in order, as NAB totals its per-file rows.
        double raw = 0, nullScore = 0, perfect = 0;
        foreach (var file in files)
        {
            raw += file.RawScore;
            nullScore += file.NullScore;
            perfect += file.PerfectScore;
        }

        return new NabTotals(
            name, files.Count, windows.Count, windows.Count(w => w.DetectionRow is not null), raw, nullScore, perfect,
            NabCounts.Sum(files.Select(f => f.Counts)), files.Sum(f => f.TotalRows));
    }
}

/// <summary>A corpus (or a subset of it) scored at one threshold under one profile.</summary>
/// <param name="Files">Each file's score, in the order given.</param>
/// <param name="Categories">Totals per category (the files' folders), ordered by name.</param>
/// <param name="Total">Totals over all the files: <c>Total.RawScore</c> and <c>Total.NormalisedScore</c> are NAB's numbers.</param>
public sealed record NabCorpusScore(
    NabProfile Profile,
    double Threshold,
    IReadOnlyList<NabFileScore> Files,
    IReadOnlyList<NabTotals> Categories,
    NabTotals Total);

/// <summary>The corpus threshold that maximises NAB's raw score under one profile, and the corpus scored at it.</summary>
/// <param name="Threshold">The best threshold: one of the scores in the rows (or just above them all when no detection is best).</param>
/// <param name="Score">The corpus scored at <paramref name="Threshold"/>.</param>
public sealed record NabOptimum(NabProfile Profile, double Threshold, NabCorpusScore Score);
