using EdgeStream.Evaluation.Nab;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// A NAB-layout corpus replayed through the pipeline and scored with NAB's rules, two ways:
/// <list type="bullet">
/// <item><b>shipped</b>: what a user gets, the configured detector's events; a row where an event started (was
/// confirmed, from rows up to it) is a detection. One setting for every file and profile.</item>
/// <item><b>NAB protocol</b>: the per-row score swept for the best corpus threshold per profile, as every
/// scoreboard entry was scored.</item>
/// </list>
/// </summary>
internal sealed record NabEvaluation(NabCorpus Corpus, IReadOnlyList<ReplayedFile> Replayed, IReadOnlyList<NabCorpusScore> Shipped, IReadOnlyList<NabOptimum> Protocol, IReadOnlyList<NabDataRows> Data, IReadOnlyList<NabFileRows> Raw, IReadOnlyList<NabFileRows> Detections)
{
    /// <summary>A detection row's score; other rows score 0.</summary>
    public const double Detected = 1;

    /// <summary>The threshold at which the shipped detections are scored: any value between 0 and 1 counts them alike.</summary>
    public const double ShippedThreshold = 0.5;

    public static async Task<NabEvaluation> RunAsync(NabCorpus corpus, EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var replayed = await CorpusReplay.RunAsync([.. corpus.Files.Select(corpus.PathOf)], request, cancellationToken);
        var data = new List<NabDataRows>();
        var raw = new List<NabFileRows>();
        var detections = new List<NabFileRows>();
        for (var i = 0; i < corpus.Files.Count; i++)
        {
            var rows = NabCsv.ReadData(replayed[i].Path);
            var (scores, events) = replayed[i].Trace.PerRow(rows.Timestamps);
            data.Add(rows);
            raw.Add(new NabFileRows(corpus.Files[i], rows.Timestamps, scores));
            detections.Add(new NabFileRows(corpus.Files[i], rows.Timestamps, events));
        }

        var shipped = corpus.Profiles.Select(p => NabScorer.ScoreCorpus(detections, corpus.Labels, p, ShippedThreshold)).ToArray();
        var protocol = NabThresholdOptimizer.Optimise(raw, corpus.Labels, corpus.Profiles);
        return new NabEvaluation(corpus, replayed, shipped, protocol, data, raw, detections);
    }
}
