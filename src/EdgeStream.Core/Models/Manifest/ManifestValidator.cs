using System.Globalization;

namespace EdgeStream.Core.Models.Manifest;

/// <summary>
/// Checks a bound manifest against the contract. Each message names the field (JSON path, camelCase) and the fix,
/// e.g. "input.mean has 1 value, expected 3 (one per channel)". Files are not touched here (see <see cref="ModelFiles"/>).
/// </summary>
public static partial class ManifestValidator
{
    public const int SupportedFormatVersion = 1;

    public static List<string> Validate(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var e = new List<string>();
        if (manifest.FormatVersion != SupportedFormatVersion)
        {
            e.Add(manifest.FormatVersion == 0
                ? $"formatVersion is missing; add \"formatVersion\": {SupportedFormatVersion}."
                : $"formatVersion {manifest.FormatVersion} is not supported; this EdgeStream reads version {SupportedFormatVersion}.");
        }

        Required(e, "name", manifest.Name);
        Required(e, "version", manifest.Version);
        ValidateLabels(e, manifest);
        if (manifest.Task == ModelTask.Action)
        {
            ValidateVideoInput(e, manifest.Input);
            ValidateActionTensors(e, manifest);
        }
        else
        {
            ValidateSensorInput(e, manifest.Input);
            ValidateAnomalyTensors(e, manifest);
        }

        ValidateVariants(e, manifest);
        ValidateDefaults(e, manifest);
        if (manifest.Golden is { } golden && string.IsNullOrWhiteSpace(golden))
        {
            e.Add("golden is empty; give the golden file's path (e.g. \"golden/golden.json\") or remove the key.");
        }

        return e;
    }

    private static void ValidateLabels(List<string> e, ModelManifest m)
    {
        if (m.Labels.Count == 0)
        {
            e.Add(m.Task == ModelTask.Action
                ? "labels is empty; list the class names in the order of the logits."
                : "labels is empty; anomaly models use [\"anomaly\"].");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(m.Labels[i]))
            {
                e.Add($"labels[{i}] is empty; every class needs a name.");
            }
            else if (!seen.Add(m.Labels[i]))
            {
                e.Add($"labels[{i}] '{m.Labels[i]}' appears twice; labels must be unique.");
            }
        }
    }

    private static void Required(List<string> e, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            e.Add($"{field} is missing or empty; set it.");
        }
    }

    private static void Positive(List<string> e, string field, int? value, string hint)
    {
        if (value is null)
        {
            e.Add($"{field} is missing; set it to {hint}.");
        }
        else if (value <= 0)
        {
            e.Add($"{field} is {value}, expected a positive number ({hint}).");
        }
    }

    private static void Count<T>(List<string> e, string field, IReadOnlyList<T>? values, int expected, string per)
    {
        if (values is null)
        {
            e.Add($"{field} is missing; give {expected} values (one per {per}).");
        }
        else if (values.Count != expected)
        {
            var noun = values.Count == 1 ? "value" : "values";
            e.Add($"{field} has {values.Count} {noun}, expected {expected} (one per {per}).");
        }
    }

    private static string Num(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
