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
internal sealed record NabEvaluation(NabCorpus Corpus, IReadOnlyList<ReplayedFile> Replayed, IReadOnlyList<NabCorpusScore> Shipped, IReadOnlyList<NabOptimum> Protocol, IReadOnlyList<NabFileRows> Raw, IReadOnlyList<NabFileRows> Detections)
{
    public static async Task<NabEvaluation> RunAsync(NabCorpus corpus, EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var replayed = await CorpusReplay.RunAsync([.. corpus.Files.Select(corpus.PathOf)], request, cancellationToken);
        var raw = new List<NabFileRows>();
        var detections = new List<NabFileRows>();
        for (var i = 0; i < corpus.Files.Count; i++)
        {
            var rows = NabCsv.ReadData(replayed[i].Path).Timestamps;
            var (scores, events) = replayed[i].Trace.PerRow([.. rows.Select(AsUtc)]);
            raw.Add(new NabFileRows(corpus.Files[i], rows, scores));
            detections.Add(new NabFileRows(corpus.Files[i], rows, events));
        }

        var shipped = corpus.Profiles.Select(p => NabScorer.ScoreCorpus(detections, corpus.Labels, p, 0.5)).ToArray();
        var protocol = NabThresholdOptimizer.Optimise(raw, corpus.Labels, corpus.Profiles);
        return new NabEvaluation(corpus, replayed, shipped, protocol, raw, detections);
    }

    /// <summary>NAB's timestamps carry no zone; the CSV source reads such a timestamp as UTC.</summary>
    private static DateTimeOffset AsUtc(DateTime timestamp) => new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
}
