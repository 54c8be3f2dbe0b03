using EdgeStream.Evaluation.Nab;
using EdgeStream.Host.Composition;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// A labelled corpus in NAB's layout, NAB's own or a user's: <c>data/&lt;category&gt;/&lt;name&gt;.csv</c>
/// (<c>timestamp,value</c>, or more channels the anomaly model knows), <c>labels/combined_windows.json</c> (file,
/// relative to <c>data/</c>, to its <c>[start, end]</c> windows, NAB's JSON), optionally <c>config/profiles.json</c>
/// (default: NAB's three profiles) and <c>results/final_results.json</c> (a scoreboard to print beside ours).
/// Every labelled file must exist and every data file must be labelled (an empty list: no anomaly), so a typo
/// cannot drop a file from the score.
/// </summary>
internal sealed record NabCorpus(string Root, IReadOnlyList<string> Files, NabLabels Labels, IReadOnlyList<NabProfile> Profiles, string? Scoreboard)
{
    public string DataFolder => Path.Combine(Root, "data");

    public string PathOf(string file) => Path.Combine(DataFolder, file.Replace('/', Path.DirectorySeparatorChar));

    public static NabCorpus Open(string root)
    {
        var full = Path.GetFullPath(root);
        var data = Path.Combine(full, "data");
        var labels = Path.Combine(full, "labels", "combined_windows.json");
        if (!Directory.Exists(data) || !File.Exists(labels))
        {
            throw new StartupException($"evaluate nab: {full} is not a corpus in NAB's layout: it needs data/<category>/<name>.csv and labels/combined_windows.json (docs/evaluation.md)");
        }

        var windows = NabLabels.Load(labels);
        var files = Directory.EnumerateFiles(data, "*.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(data, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var unlabelled = files.Where(f => !windows.Contains(f)).ToArray();
        var missing = windows.Files.Where(f => !files.Contains(f, StringComparer.Ordinal)).ToArray();
        if (unlabelled.Length > 0 || missing.Length > 0)
        {
            throw new StartupException("evaluate nab: data and labels disagree: "
                + string.Join("; ", unlabelled.Select(f => $"{f} has no entry in combined_windows.json (give it [] if it has no anomaly)").Concat(missing.Select(f => $"{f} is labelled but not in data/"))));
        }

        var profiles = Path.Combine(full, "config", "profiles.json");
        var scoreboard = Path.Combine(full, "results", "final_results.json");
        return new NabCorpus(full, files, windows, File.Exists(profiles) ? NabProfile.Load(profiles) : NabProfile.All, File.Exists(scoreboard) ? scoreboard : null);
    }
}
