namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// NAB's threshold optimisation: one threshold for the whole corpus per profile, the one that maximises the raw corpus
/// score. Like NAB's sweeper it tries every distinct anomaly score as the threshold, so it finds the true maximum (the
/// thresholds published with NAB v1.0 came from an older local search and may score a little lower).
/// </summary>
public static class NabThresholdOptimizer
{
    /// <summary>The best threshold for one profile, and the corpus scored at it.</summary>
    /// <exception cref="KeyNotFoundException">A file is not labelled.</exception>
    /// <exception cref="ArgumentException">A file is given twice, or its rows do not hold its windows' timestamps.</exception>
    public static NabOptimum Optimise(IEnumerable<NabFileRows> files, NabLabels labels, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Optimise(files, labels, [profile])[0];
    }

    /// <summary>The best threshold for each profile; the files are read and sorted once for all of them.</summary>
    /// <returns>One optimum per profile, in the order given.</returns>
    public static IReadOnlyList<NabOptimum> Optimise(IEnumerable<NabFileRows> files, NabLabels labels, IEnumerable<NabProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var swept = NabScorer.Sweep(files, labels);
        var corpus = SortedRows.Of(swept);
        return [.. profiles.Select(profile =>
        {
            var threshold = BestThreshold(swept, corpus, profile);
            // The sweep keeps a running total; scoring the corpus at the threshold gives NAB's sums, file by file.
            return new NabOptimum(profile, threshold, NabScorer.ScoreCorpus(swept, profile, threshold));
        })];
    }

    /// <summary>
    /// Lowers the threshold through the distinct scores, highest first (NAB's <c>calcScoreByThreshold</c>), keeping the
    /// corpus score up to date as each group of equal scores becomes detections: an FP row adds its score, a window row
    /// raises its window's score to the row's if higher. Ties keep the higher threshold, as NAB's stable sort does.
    /// </summary>
    private static double BestThreshold(IReadOnlyList<NabSweptFile> swept, SortedRows corpus, NabProfile profile)
    {
        var windowScore = new double[corpus.WindowCount];
        Array.Fill(windowScore, -profile.FalseNegativeWeight);
        var score = -profile.FalseNegativeWeight * corpus.ScoredWindowCount;
        var n = corpus.Scores.Length;
        // "No detection at all" is the first candidate: a threshold just above every score.
        var bestThreshold = n == 0 ? double.PositiveInfinity : Math.BitIncrement(corpus.Scores[n - 1]);
        var bestScore = score;
        for (var i = n - 1; i >= 0;)
        {
            var threshold = corpus.Scores[i];
            for (; i >= 0 && corpus.Scores[i] == threshold; i--)
            {
                var (file, row) = corpus.Rows[i];
                var rowScore = swept[file].Weighted(row, profile);
                var window = swept[file].WindowOfRow[row];
                if (window < 0)
                {
                    score += rowScore;
                }
                else if (rowScore > windowScore[corpus.WindowBase[file] + window])
                {
                    score += rowScore - windowScore[corpus.WindowBase[file] + window];
                    windowScore[corpus.WindowBase[file] + window] = rowScore;
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                bestThreshold = threshold;
            }
        }

        return bestThreshold;
    }

    /// <summary>Every scored (non-probationary) row of the corpus, ascending by anomaly score; profile-independent.</summary>
    private sealed record SortedRows(double[] Scores, (int File, int Row)[] Rows, int[] WindowBase, int WindowCount, int ScoredWindowCount)
    {
        public static SortedRows Of(IReadOnlyList<NabSweptFile> swept)
        {
            var count = swept.Sum(f => f.Rows.Count - f.ProbationaryLength);
            var scores = new double[count];
            var rows = new (int File, int Row)[count];
            var windowBase = new int[swept.Count];
            var windows = 0;
            var k = 0;
            for (var f = 0; f < swept.Count; f++)
            {
                // Windows get corpus-wide indices. One wholly in probation has no scored row, so it is never touched;
                // only scored windows count towards the starting (null) score, as in NabScorer.
                windowBase[f] = windows;
                windows += swept[f].Windows.Length;
                for (var r = swept[f].ProbationaryLength; r < swept[f].Rows.Count; r++, k++)
                {
                    scores[k] = swept[f].Rows.Scores[r];
                    rows[k] = (f, r);
                }
            }

            Array.Sort(scores, rows);
            return new SortedRows(scores, rows, windowBase, windows, swept.Sum(f => f.ScoredWindows));
        }
    }
}
