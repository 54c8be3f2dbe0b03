namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// NAB v1.1's scoring (nab/sweeper.py) of a detector's per-row anomaly scores at a given threshold. A row is a detection
/// when its score is at least the threshold. The first <see cref="ProbationaryLength"/> rows of a file are ignored.
/// Each window scores the scaled sigmoid of its earliest detection (A_TP at its first row, falling to about 0.1 A_TP at
/// its last) or -A_FN when missed; each detection outside windows costs A_FP, less just after a window.
/// </summary>
public static class NabScorer
{
    /// <summary>The share of each file NAB lets a detector learn on before scoring it.</summary>
    public const double ProbationaryFraction = 0.15;

    /// <summary>NAB's probationary period: min(floor(0.15 N), 0.15·5000 = 750) rows.</summary>
    public static int ProbationaryLength(int rowCount) =>
        (int)Math.Min(Math.Floor(ProbationaryFraction * rowCount), ProbationaryFraction * 5000);

    /// <summary>Scores one file.</summary>
    /// <param name="rows">The detector's scores for the file's rows.</param>
    /// <param name="windows">The file's labelled windows (<see cref="NabLabels.WindowsFor"/>); their limits must be row timestamps.</param>
    /// <param name="profile">The weights (<see cref="NabProfile.Standard"/> and the others).</param>
    /// <param name="threshold">A row with a score at or above it is a detection.</param>
    /// <exception cref="ArgumentException">A window's start or end is no row's timestamp, or windows overlap.</exception>
    public static NabFileScore ScoreFile(NabFileRows rows, IReadOnlyList<NabWindow> windows, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profile);
        return Score(NabSweptFile.Build(rows, windows), profile, threshold);
    }

    /// <summary>
    /// Scores a set of files at one threshold: NAB's corpus score when they are the 58 files of <c>data/</c>, a subset's
    /// own score (normalised on its own windows) otherwise.
    /// </summary>
    /// <param name="files">One entry per data file; each must be in <paramref name="labels"/>, none twice.</param>
    /// <exception cref="KeyNotFoundException">A file is not labelled.</exception>
    /// <exception cref="ArgumentException">A file is given twice, or its rows do not hold its windows' timestamps.</exception>
    public static NabCorpusScore ScoreCorpus(IEnumerable<NabFileRows> files, NabLabels labels, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return ScoreCorpus(Sweep(files, labels), profile, threshold);
    }

    internal static IReadOnlyList<NabSweptFile> Sweep(IEnumerable<NabFileRows> files, NabLabels labels)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(labels);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var swept = new List<NabSweptFile>();
        foreach (var rows in files)
        {
            if (!seen.Add(rows.File))
            {
                throw new ArgumentException($"{rows.File} is given twice", nameof(files));
            }

            swept.Add(NabSweptFile.Build(rows, labels.WindowsFor(rows.File)));
        }

        return swept;
    }

    internal static NabCorpusScore ScoreCorpus(IReadOnlyList<NabSweptFile> swept, NabProfile profile, double threshold)
    {
        var files = swept.Select(f => Score(f, profile, threshold)).ToList();
        var categories = files.GroupBy(f => f.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => NabTotals.Of(g.Key, [.. g]))
            .ToList();
        return new NabCorpusScore(profile, threshold, files, categories, NabTotals.Of(NabTotals.CorpusName, files));
    }

    private static NabFileScore Score(NabSweptFile file, NabProfile profile, double threshold)
    {
        var rows = file.Rows;
        var best = new double[file.Windows.Length];
        var detection = new int?[file.Windows.Length];
        int tp = 0, tn = 0, fp = 0, fn = 0;
        var falsePositives = 0.0;
        for (var i = file.ProbationaryLength; i < rows.Count; i++)
        {
            var detected = rows.Scores[i] >= threshold;
            var window = file.WindowOfRow[i];
            if (window >= 0)
            {
                if (!detected)
                {
                    fn++;
                    continue;
                }

                tp++;
                // The sigmoid falls through the window, so the earliest detection is the best one: NAB keeps the max.
                var score = file.Weighted(i, profile);
                if (detection[window] is null || score > best[window])
                {
                    best[window] = score;
                    detection[window] = i;
                }
            }
            else if (detected)
            {
                fp++;
                falsePositives += file.Weighted(i, profile);
            }
            else
            {
                tn++;
            }
        }

        var raw = falsePositives;
        var windows = new NabWindowScore[file.Windows.Length];
        for (var w = 0; w < windows.Length; w++)
        {
            var span = file.Windows[w];
            var score = !span.Scored ? 0.0 : detection[w] is null ? -profile.FalseNegativeWeight : best[w];
            raw += score;
            windows[w] = new NabWindowScore(span.Window, span.FirstRow, span.LastRow, span.Scored, detection[w], score);
        }

        var scoredWindows = file.ScoredWindows;
        var rowScores = new double[rows.Count];
        for (var i = 0; i < rowScores.Length; i++)
        {
            rowScores[i] = file.Weighted(i, profile);
        }

        return new NabFileScore(
            rows.File, threshold, raw, -profile.FalseNegativeWeight * scoredWindows, profile.TruePositiveWeight * scoredWindows,
            new NabCounts(tp, tn, fp, fn), rows.Count, file.ProbationaryLength, windows, rowScores);
    }
}
