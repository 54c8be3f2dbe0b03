using System.Globalization;
using System.Text;

namespace EdgeStream.Core.Verification;

public enum ParityStatus
{
    Pass,
    Fail,
    Skipped,
}

/// <summary>One variant x layout x output: the largest absolute difference from PyTorch's golden values over all cases.</summary>
public sealed record ParityRow(
    string Variant,
    string Layout,
    string Output,
    int Cases,
    double MaxAbsDiff,
    double Tolerance,
    ParityStatus Status,
    string? Note = null);

/// <summary>The result of <see cref="GoldenVerifier.Verify"/>: a table for the CLI and a verdict for tests and exit codes.</summary>
public sealed record ParityReport(string Model, string Version, string Provider, IReadOnlyList<ParityRow> Rows)
{
    /// <summary>No row failed and at least one ran.</summary>
    public bool Passed => Rows.All(r => r.Status != ParityStatus.Fail) && Rows.Any(r => r.Status == ParityStatus.Pass);

    public string ToTable()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{Model} {Version} on {Provider}");
        sb.AppendLine(inv, $"{"variant",-8} {"layout",-6} {"output",-10} {"cases",5} {"max|diff|",10} {"tolerance",10}  result");
        foreach (var r in Rows)
        {
            var diff = r.Status == ParityStatus.Skipped || double.IsNaN(r.MaxAbsDiff) ? "-" : r.MaxAbsDiff.ToString("0.00e+00", inv);
            var tol = double.IsNaN(r.Tolerance) ? "-" : r.Tolerance.ToString("0.00e+00", inv);
            var result = r.Status.ToString().ToLowerInvariant() + (r.Note is null ? "" : $": {r.Note}");
            sb.AppendLine(inv, $"{r.Variant,-8} {r.Layout,-6} {r.Output,-10} {r.Cases,5} {diff,10} {tol,10}  {result}");
        }

        sb.Append(Passed ? "PASS" : "FAIL");
        return sb.ToString();
    }
}
