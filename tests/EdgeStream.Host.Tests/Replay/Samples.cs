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
    /// The start labels the sidecar expects: a clip's <c>expectedSequence</c>; for a CSV one <c>anomaly</c> per entry
    /// of <c>expectedEvents</c> (the reference scorer's events), with their start and end times.
    /// </summary>
    public static (IReadOnlyList<string> Labels, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> Spans) Expected(string file)
    {
        var sidecar = Path.ChangeExtension(file, ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(sidecar));
        var root = doc.RootElement;
        if (root.TryGetProperty("expectedSequence", out var sequence))
        {
            return ([.. sequence.EnumerateArray().Select(e => e.GetString()!)], []);
        }

        var events = root.GetProperty("expectedEvents").EnumerateArray().ToList();
        var spans = events.Select(e => (
            DateTimeOffset.Parse(e.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            e.GetProperty("end").ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null
                : DateTimeOffset.Parse(e.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return ([.. events.Select(_ => "anomaly")], spans);
    }

    private static IEnumerable<string> Files(string folder, string[] extensions) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [];
}
