namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// Scores a detector's per-row predictions on SKAB by the leaderboard's rules (LEADERBOARD.md; SKAB's
/// core/metrics.py <c>chp_score</c>). Only the test rows count (a file's rows from <see cref="SkabProtocol.TrainRows"/> on).
/// <list type="bullet">
/// <item>Outlier track: the scored rows, those of the test part that have a prediction, pooled over all files
/// into one confusion matrix. A row without a prediction is left out, as SKAB's pandas alignment leaves out
/// the rows a windowed detector (Vanilla LSTM, MSCRED) has no output for.</item>
/// <item>Changepoint track: every true changepoint of the test part opens a window, also one in rows without a
/// prediction (then it is missed, as in SKAB's Vanilla LSTM notebook); predicted changepoints are those of the
/// scored rows.</item>
/// </list>
/// </summary>
public static class SkabScorer
{
    /// <summary>
    /// Scores one prediction per file; <paramref name="files"/> are labelled SKAB files (usually
    /// <see cref="SkabCorpus.LoadLabelled"/>), each named by exactly one of <paramref name="predictions"/>.
    /// </summary>
    /// <param name="protocol">Null for <see cref="SkabProtocol.Leaderboard"/>.</param>
    /// <exception cref="ArgumentException">A file unlabelled, without a prediction or with two; a prediction for no file, or past a file's last row.</exception>
    public static SkabScore Score(IReadOnlyList<SkabFile> files, IReadOnlyList<SkabPrediction> predictions, SkabProtocol? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(predictions);
        protocol ??= SkabProtocol.Leaderboard;
        ArgumentOutOfRangeException.ThrowIfNegative(protocol.TrainRows);
        var byFile = Match(files, predictions);

        long tp = 0, fp = 0, fn = 0, tn = 0;
        var nab = new SkabNab(protocol.ChangepointWindow);
        foreach (var file in files)
        {
            var prediction = byFile[file.Name];
            var labels = file.Anomaly!;
            var from = Math.Max(protocol.TrainRows, prediction.FirstRow);
            var to = prediction.FirstRow + prediction.RowCount;
            for (var row = from; row < to; row++)
            {
                var said = prediction.Anomaly[row - prediction.FirstRow];
                if (labels[row])
                {
                    tp += said ? 1 : 0;
                    fn += said ? 0 : 1;
                }
                else
                {
                    fp += said ? 1 : 0;
                    tn += said ? 0 : 1;
                }
            }

            var trueChangepoints = Enumerable.Range(protocol.TrainRows, Math.Max(0, file.RowCount - protocol.TrainRows))
                .Where(row => file.Changepoint![row]).Select(row => file.Timestamps[row]).ToList();
            var predicted = Enumerable.Range(from, Math.Max(0, to - from))
                .Where(row => prediction.Changepoint[row - prediction.FirstRow]).Select(row => file.Timestamps[row]).ToList();
            nab.Add(trueChangepoints, predicted);
        }

        return new SkabScore(new SkabOutlierScore(tp, fp, fn, tn), nab.Result(), files.Count);
    }

    private static Dictionary<string, SkabPrediction> Match(IReadOnlyList<SkabFile> files, IReadOnlyList<SkabPrediction> predictions)
    {
        var byFile = new Dictionary<string, SkabPrediction>(StringComparer.Ordinal);
        foreach (var prediction in predictions)
        {
            if (!byFile.TryAdd(prediction.File, prediction))
            {
                throw new ArgumentException($"two predictions for {prediction.File}", nameof(predictions));
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!names.Add(file.Name))
            {
                throw new ArgumentException($"{file.Name} is listed twice", nameof(files));
            }

            if (!file.IsLabelled)
            {
                throw new ArgumentException($"{file.Name} has no labels to score against", nameof(files));
            }

            if (!byFile.TryGetValue(file.Name, out var prediction))
            {
                throw new ArgumentException($"no prediction for {file.Name}", nameof(predictions));
            }

            if (prediction.FirstRow + prediction.RowCount > file.RowCount)
            {
                throw new ArgumentException($"{file.Name}: prediction for rows {prediction.FirstRow}..{prediction.FirstRow + prediction.RowCount - 1}, the file has {file.RowCount}", nameof(predictions));
            }
        }

        var unknown = byFile.Keys.Where(name => !names.Contains(name)).ToList();
        return unknown.Count == 0 ? byFile : throw new ArgumentException($"predictions for files not given: {string.Join(", ", unknown)}", nameof(predictions));
    }
}
