using EdgeStream.Evaluation.Skab;
using EdgeStream.Host.Composition;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// SKAB v0.9 (<c>data/valve1</c>, <c>valve2</c>, <c>other</c>) replayed through the pipeline and scored by its
/// leaderboard's rules. Outlier track: a row is predicted anomalous when the detector is inside an anomaly event
/// after judging it. Changepoint track: the edges of that state (an event's start and its end), SKAB's
/// <c>FromAnomalyEdges</c> rule, the one most of its notebooks use. Only rows from 400 on count (SKAB's train part
/// is each file's first 400 rows; the shipped model's warm-up normalisation learns from exactly those).
/// </summary>
internal sealed record SkabEvaluation(string Root, IReadOnlyList<SkabFile> Files, IReadOnlyList<ReplayedFile> Replayed, IReadOnlyList<SkabPrediction> Predictions, SkabScore Total)
{
    public static async Task<SkabEvaluation> RunAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = Path.GetFullPath(request.Corpus, request.CurrentDirectory);
        var data = Path.Combine(root, "data");
        if (!SkabCorpus.Groups.All(g => Directory.Exists(Path.Combine(data, g))))
        {
            throw new StartupException($"evaluate skab: {root} is not SKAB v0.9: it needs data/{string.Join(", data/", SkabCorpus.Groups)} (the ';'-separated files with anomaly and changepoint columns)");
        }

        var files = SkabCorpus.LoadLabelled(data);
        var paths = files.Select(f => Path.Combine(data, f.Name.Replace('/', Path.DirectorySeparatorChar) + ".csv")).ToArray();
        var replayed = await CorpusReplay.RunAsync(paths, request, cancellationToken);
        var predictions = new List<SkabPrediction>();
        for (var i = 0; i < files.Count; i++)
        {
            var anomalous = replayed[i].Trace.StateAt(files[i].Timestamps);
            predictions.Add(new SkabPrediction(files[i].Name, 0, anomalous, SkabChangepoints.FromAnomalyEdges(anomalous)));
        }

        return new SkabEvaluation(root, files, replayed, predictions, SkabScorer.Score(files, predictions));
    }

    /// <summary>One file scored on its own (its row of the per-file table).</summary>
    public SkabScore ScoreOf(int file) => SkabScorer.Score([Files[file]], [Predictions[file]]);
}
