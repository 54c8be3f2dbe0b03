using System.Globalization;
using System.Text;
using EdgeStream.Evaluation.Nab;
using EdgeStream.Host.Output;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// The table <c>edgestream evaluate nab</c> prints: per file and per category under the standard profile, the
/// totals under every profile both ways (shipped events, NAB protocol), and the scoreboard with our rows in it.
/// </summary>
internal static class NabReport
{
    public static string Render(NabEvaluation evaluation, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var corpus = evaluation.Corpus;
        var text = new StringBuilder();
        var standard = Index(corpus.Profiles, NabProfile.Standard.Name);
        var shipped = evaluation.Shipped[standard];
        var protocol = evaluation.Protocol[standard].Score;
        text.Append(Inv($"NAB corpus {corpus.Root}: {corpus.Files.Count} files, {corpus.Labels.WindowCount} windows, {evaluation.Replayed.Sum(f => f.Summary.Frames)} rows replayed through the pipeline in {elapsed.TotalSeconds:0.0} s (model {string.Join(", ", evaluation.Replayed.Select(f => f.Summary.Model).Distinct())})\n\n"));

        text.Append("Per file, standard profile (shipped: the detector's events; protocol: the per-row score at the corpus-best threshold)\n");
        var files = new TextTable("file", "rows", "windows", "judged", "shipped found", "shipped FP", "shipped score", "protocol found", "protocol FP", "protocol score");
        for (var i = 0; i < corpus.Files.Count; i++)
        {
            var s = shipped.Files[i];
            var p = protocol.Files[i];
            files.Add(s.File, N(s.TotalRows), N(s.Windows.Count(w => w.Scored)), N(evaluation.Replayed[i].Summary.Windows), Found(s), N(s.Counts.FalsePositives), F(s.RawScore), Found(p), N(p.Counts.FalsePositives), F(p.RawScore));
        }

        text.Append(files).Append('\n');
        text.Append("Per category, standard profile (normalised over the category's own windows)\n");
        var categories = new TextTable("category", "files", "windows", "shipped found", "shipped FP", "shipped", "protocol found", "protocol FP", "protocol");
        foreach (var (s, p) in shipped.Categories.Zip(protocol.Categories).Append((shipped.Total, protocol.Total)))
        {
            categories.Add(s.Name, N(s.Files), N(s.Windows), N(s.DetectedWindows), N(s.Counts.FalsePositives), Norm(s), N(p.DetectedWindows), N(p.Counts.FalsePositives), Norm(p));
        }

        text.Append(categories).Append('\n');
        text.Append("Totals (NAB's normalised score, 100 = perfect, 0 = a detector that never fires)\n");
        var totals = new TextTable(["", .. corpus.Profiles.Select(p => p.Name)]);
        totals.Add(["EdgeStream, shipped events", .. evaluation.Shipped.Select(s => Norm(s.Total))]);
        totals.Add(["EdgeStream, NAB protocol", .. evaluation.Protocol.Select(o => Norm(o.Score.Total))]);
        totals.Add(["  (its corpus threshold)", .. evaluation.Protocol.Select(o => F(o.Threshold))]);
        text.Append(totals);
        if (corpus.Scoreboard is { } scoreboard)
        {
            text.Append('\n').Append(Board(scoreboard, corpus, evaluation));
        }

        return text.ToString();
    }

    /// <summary>The published scoreboard (final_results.json) sorted by the standard profile, our two rows placed in it.</summary>
    private static string Board(string path, NabCorpus corpus, NabEvaluation evaluation)
    {
        var published = NabPublished.LoadFinalResults(path);
        var rows = published.Select(d => (Name: d.Key, Scores: corpus.Profiles.Select(p => d.Value.TryGetValue(p.Name, out var v) ? (double?)v : null).ToArray(), Ours: false)).ToList();
        rows.Add(("EdgeStream, NAB protocol  <--", [.. evaluation.Protocol.Select(o => o.Score.Total.NormalisedScore)], true));
        rows.Add(("EdgeStream, shipped events  <--", [.. evaluation.Shipped.Select(s => s.Total.NormalisedScore)], true));
        var standard = Index(corpus.Profiles, NabProfile.Standard.Name);
        var board = new TextTable(["rank", "detector (results/final_results.json)", .. corpus.Profiles.Select(p => p.Name)]);
        var rank = 0;
        foreach (var row in rows.OrderByDescending(r => r.Scores[standard] ?? double.MinValue))
        {
            board.Add([N(++rank), row.Name, .. row.Scores.Select(v => v is { } x ? F(x) : "-")]);
        }

        return "Scoreboard, sorted by the standard profile\n" + board;
    }

    private static int Index(IReadOnlyList<NabProfile> profiles, string name)
    {
        var i = profiles.ToList().FindIndex(p => p.Name == name);
        return i >= 0 ? i : 0;
    }

    private static string Found(NabFileScore score) => Inv($"{score.Windows.Count(w => w.Scored && w.DetectionRow is not null)}");

    private static string Norm(NabTotals totals) => totals.NormalisedScore is { } v ? F(v) : "-";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
