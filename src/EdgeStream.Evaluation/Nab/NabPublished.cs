using System.Text.Json;

namespace EdgeStream.Evaluation.Nab;

/// <summary>A published optimised threshold and the raw corpus score it gave (<c>config/thresholds.json</c>).</summary>
public sealed record NabPublishedThreshold(double Threshold, double RawScore);

/// <summary>
/// NAB's published numbers, to set a result beside: <c>config/thresholds.json</c> (each detector's optimised
/// threshold and raw score per profile) and <c>results/final_results.json</c> (the normalised scoreboard).
/// Both map detector, then profile name.
/// </summary>
public static class NabPublished
{
    /// <summary>Reads <c>config/thresholds.json</c>: detector → profile → threshold and raw score.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabPublishedThreshold>> LoadThresholds(string thresholdsJsonPath) =>
        LoadByDetectorAndProfile(thresholdsJsonPath, v => new NabPublishedThreshold(v.GetProperty("threshold").GetDouble(), v.GetProperty("score").GetDouble()));

    /// <summary>Reads <c>results/final_results.json</c>: detector → profile → normalised score.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> LoadFinalResults(string finalResultsJsonPath) =>
        LoadByDetectorAndProfile(finalResultsJsonPath, v => v.GetDouble());

    private static Dictionary<string, IReadOnlyDictionary<string, T>> LoadByDetectorAndProfile<T>(string path, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, IReadOnlyDictionary<string, T>>(StringComparer.Ordinal);
        foreach (var detector in document.RootElement.EnumerateObject())
        {
            result[detector.Name] = detector.Value.EnumerateObject().ToDictionary(p => p.Name, p => read(p.Value), StringComparer.Ordinal);
        }

        return result;
    }
}
