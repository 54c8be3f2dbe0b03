using System.Globalization;
using System.Text;
using EdgeStream.Evaluation.Skab;
using EdgeStream.Host.Output;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// The table <c>edgestream evaluate skab</c> prints: per file, then both tracks' totals as the leaderboard rounds
/// them, and each leaderboard table of the corpus's LEADERBOARD.md (when present) with our row sorted into it.
/// </summary>
internal static class SkabReport
{
    private const string Ours = "EdgeStream, shipped  <--";

    public static string Render(SkabEvaluation evaluation, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var text = new StringBuilder();
        text.Append(Inv($"SKAB corpus {evaluation.Root}: {evaluation.Files.Count} labelled files, {evaluation.Files.Sum(f => f.RowCount)} rows replayed through the pipeline in {elapsed.TotalSeconds:0.0} s (model {string.Join(", ", evaluation.Replayed.Select(f => f.Summary.Model).Distinct())}); rows from 400 on are scored\n\n"));
        var files = new TextTable("file", "rows", "judged", "TP", "FP", "FN", "F1", "changepoints", "found", "FP changepoints");
        for (var i = 0; i < evaluation.Files.Count; i++)
        {
            var score = evaluation.ScoreOf(i);
            var o = score.Outliers;
            var c = score.Changepoints;
            files.Add(evaluation.Files[i].Name, N(evaluation.Files[i].RowCount), N(evaluation.Replayed[i].Summary.Windows), N(o.TruePositives), N(o.FalsePositives), N(o.FalseNegatives), SkabRounding.Format(o.F1), N(c.TrueChangepoints), N(c.TrueChangepoints - c.MissedChangepoints), N(c.FalsePositives));
        }

        text.Append(files).Append('\n');
        var total = evaluation.Total;
        text.Append("Outlier track (point-wise, pooled): | Algorithm | F1 | FAR, % | MAR, % |\n").Append(total.Outliers.ToTableRow("EdgeStream, shipped")).Append("\n\n");
        text.Append("Changepoint track (SKAB's NAB, 60 s right window): | Algorithm | NAB (standard) | NAB (LowFP) | NAB (LowFN) | Missed CPs | FPs |\n")
            .Append(total.Changepoints.ToTableRow("EdgeStream, shipped")).Append('\n');
        var leaderboard = Path.Combine(evaluation.Root, "LEADERBOARD.md");
        if (File.Exists(leaderboard))
        {
            var lines = File.ReadAllLines(leaderboard);
            text.Append('\n').Append(Board(lines, "Outlier detection", total.Outliers.ToTableRow(Ours), column: 1));
            text.Append('\n').Append(Board(lines, "Changepoint detection", total.Changepoints.ToTableRow(Ours), column: 1));
        }

        return text.ToString();
    }

    /// <summary>
    /// The first markdown table after the line that starts with <paramref name="heading"/>, our row sorted into it
    /// by <paramref name="column"/> (descending; the perfect and null detectors keep their places at the ends).
    /// </summary>
    private static string Board(string[] lines, string heading, string ours, int column)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        if (start < 0)
        {
            return $"(LEADERBOARD.md has no table under '{heading}')\n";
        }

        var table = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        var header = table.Take(2);
        var body = table.Skip(2).ToList();
        var fixedTop = body.Where(l => l.Contains("Perfect detector", StringComparison.Ordinal));
        var fixedBottom = body.Where(l => l.Contains("Null detector", StringComparison.Ordinal));
        var ranked = body.Except(fixedTop).Except(fixedBottom).Append(ours).OrderByDescending(l => Cell(l, column));
        return heading + " (LEADERBOARD.md, our row sorted in)\n" + string.Join('\n', header.Concat(fixedTop).Concat(ranked).Concat(fixedBottom)) + "\n";
    }

    private static double Cell(string row, int column)
    {
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        return cells.Length > column + 1 && double.TryParse(cells[column + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.MinValue;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
