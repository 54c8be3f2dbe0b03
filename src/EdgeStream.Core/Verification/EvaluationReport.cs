using System.Globalization;
using System.Text;

namespace EdgeStream.Core.Verification;

/// <summary>
/// One variant x layout over an evaluation set: top-1 accuracy against the labels, top-1 agreement with the reference
/// variant (fp32) in the same layout, and the largest logit difference from it. NaN where not measured.
/// </summary>
public sealed record EvaluationRow(
    string Variant,
    string Layout,
    int Cases,
    double Top1Accuracy,
    double Top1AgreementWithReference,
    double MaxLogitDiffFromReference,
    string? Note = null);

public sealed record EvaluationReport(string Model, string Version, string Provider, string ReferenceVariant, IReadOnlyList<EvaluationRow> Rows)
{
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"{Model} {Version} on {Provider}; agreement and logit difference against {ReferenceVariant} in the same layout");
        sb.AppendLine(inv, $"{"variant",-8} {"layout",-6} {"cases",6} {"top-1",8} {"agree",8} {"max|dlogit|",12}  note");
        foreach (var r in Rows)
        {
            sb.AppendLine(inv, $"{r.Variant,-8} {r.Layout,-6} {r.Cases,6} {Pct(r.Top1Accuracy),8} {Pct(r.Top1AgreementWithReference),8} {Sci(r.MaxLogitDiffFromReference),12}  {r.Note}");
        }

        return sb.ToString().TrimEnd();
    }

    private static string Pct(double v) => double.IsNaN(v) ? "-" : (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Sci(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00e+00", CultureInfo.InvariantCulture);
}
