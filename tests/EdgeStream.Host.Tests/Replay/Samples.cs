using System.Text.Json;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>The committed sample clips and CSVs and what their sidecars (NAME.json) say they contain.</summary>
internal static class Samples
{
    private static readonly string[] ClipExtensions = [".mp4", ".avi", ".mkv", ".mov"];

    public static IEnumerable<string> All() =>
        Files(TestEnvironment.Clips, ClipExtensions).Concat(Files(TestEnvironment.Sensors, [".csv"]));

    public static TheoryData<string> AllNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in All())
        {
            data.Add(Path.GetRelativePath(TestEnvironment.RepoRoot, file));
        }

        return data;
    }

    /// <summary>
    /// A clip's <c>expectedSequence</c> (the start labels its sidecar expects); null for a CSV, whose sidecar gives the
    /// anomalies injected into it instead (<see cref="Injected"/>).
    /// </summary>
    public static IReadOnlyList<string>? ExpectedSequence(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".json")));
        return doc.RootElement.TryGetProperty("expectedSequence", out var sequence) ? [.. sequence.EnumerateArray().Select(e => e.GetString()!)] : null;
    }

    /// <summary>
    /// The anomalies the generator injected into a sensor CSV (its sidecar's <c>anomalies</c>: kind, first and last
    /// sample). The sidecar's <c>expectedEvents</c> are the training recipe's reference rule (kind zscore, Python);
    /// the shipped models use the C# likelihood and chart rules, so the replay is judged against the truth.
    /// </summary>
    public static IReadOnlyList<(string Kind, DateTimeOffset Start, DateTimeOffset End)> Injected(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".json")));
        return [.. doc.RootElement.GetProperty("anomalies").EnumerateArray().Select(a => (
            a.GetProperty("kind").GetString()!,
            DateTimeOffset.Parse(a.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(a.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private static IEnumerable<string> Files(string folder, string[] extensions) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [];
}
