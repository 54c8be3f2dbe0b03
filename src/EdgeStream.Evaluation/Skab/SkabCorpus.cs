namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// The SKAB v0.9 corpus below a <c>data/</c> folder: the labelled files of <see cref="Groups"/> (valve1/0..15,
/// valve2/0..3, other/1..14: 34 files) and the unlabelled <c>anomaly-free/anomaly-free.csv</c>.
/// </summary>
public static class SkabCorpus
{
    /// <summary>The folders of labelled files, in the order the corpus lists them.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["valve1", "valve2", "other"];

    /// <summary>The name of the normal-mode file (no labels; for training only).</summary>
    public const string AnomalyFreeName = "anomaly-free/anomaly-free";

    /// <summary>
    /// The labelled files' names (<c>valve1/0</c>, ...), by group and then by file number. SKAB's own notebooks
    /// take os.walk's order, which depends on the file system; the scores do not depend on the order.
    /// </summary>
    public static IReadOnlyList<string> ListLabelled(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var names = new List<string>();
        foreach (var group in Groups)
        {
            var folder = Path.Combine(dataDirectory, group);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"SKAB folder {folder} is absent (want {string.Join(", ", Groups)} below {dataDirectory})");
            }

            names.AddRange(Directory.EnumerateFiles(folder, "*.csv")
                .Select(Path.GetFileNameWithoutExtension)
                .OrderBy(stem => int.TryParse(stem, out var number) ? number : int.MaxValue)
                .ThenBy(stem => stem, StringComparer.Ordinal)
                .Select(stem => $"{group}/{stem}"));
        }

        return names;
    }

    /// <summary>Reads every labelled file, in <see cref="ListLabelled"/> order.</summary>
    public static IReadOnlyList<SkabFile> LoadLabelled(string dataDirectory) =>
        [.. ListLabelled(dataDirectory).Select(name => Load(dataDirectory, name))];

    /// <summary>Reads the anomaly-free file.</summary>
    public static SkabFile LoadAnomalyFree(string dataDirectory) => Load(dataDirectory, AnomalyFreeName);

    /// <summary>Reads one file by its corpus name (<c>valve1/0</c>).</summary>
    public static SkabFile Load(string dataDirectory, string name)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(name);
        return SkabCsv.Read(Path.Combine(dataDirectory, name + ".csv"), name);
    }
}
