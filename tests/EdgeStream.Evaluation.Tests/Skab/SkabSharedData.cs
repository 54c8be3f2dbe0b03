using System.Diagnostics;
using System.Globalization;
using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

/// <summary>One series of a published prediction set: its position in the pickle's list and its rows.</summary>
internal sealed record PublishedSeries(int Position, IReadOnlyList<DateTime> Timestamps, bool[] Anomaly);

/// <summary>
/// ../shared/data/skab, read once per test run: the labelled corpus, LEADERBOARD.md, and the published predictions
/// (results/*.pkl) turned into CSVs by skab_predictions_to_csv.py with Debian's python3 and pandas.
/// </summary>
internal static class SkabSharedData
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<IReadOnlyList<SkabFile>> LabelledFiles = new(() => SkabCorpus.LoadLabelled(Path.Combine(Folder, "data")));
    private static readonly Lazy<Dictionary<string, List<PublishedSeries>>> Published = new(() => ConvertPickles());

    public static string Folder => Path.Combine(Repo.SharedData, "skab");

    public static IReadOnlyList<SkabFile> Files => LabelledFiles.Value;

    public static string[] LeaderboardLines => File.ReadAllLines(Path.Combine(Folder, "LEADERBOARD.md"));

    /// <summary>The series of results-<paramref name="set"/>.pkl, in the pickle's order.</summary>
    public static IReadOnlyList<PublishedSeries> Series(string set) =>
        Published.Value.TryGetValue(set, out var series) ? series : throw new KeyNotFoundException($"no results-{set}.pkl in {Folder}/results");

    /// <summary>
    /// The file and first row whose timestamps <paramref name="series"/> has, row for row. Matched on every
    /// timestamp, not the first: some files' times overlap (other/12 and other/13 share 349).
    /// </summary>
    public static (SkabFile File, int FirstRow) Locate(PublishedSeries series)
    {
        var found = new List<(SkabFile, int)>();
        foreach (var file in Files)
        {
            var first = Enumerable.Range(0, file.RowCount).FirstOrDefault(row => file.Timestamps[row] == series.Timestamps[0], -1);
            if (first >= 0 && first + series.Timestamps.Count <= file.RowCount
                && series.Timestamps.Select((t, i) => file.Timestamps[first + i] == t).All(same => same))
            {
                found.Add((file, first));
            }
        }

        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"series {series.Position} matches {found.Count} files' rows, not one");
    }

    /// <summary>
    /// Runs the converter (with <paramref name="pythonOptions"/> before the script, for the test of its failure)
    /// and reads what it wrote. At test time, so the pickles stay the only copy: nothing derived is committed.
    /// </summary>
    internal static Dictionary<string, List<PublishedSeries>> ConvertPickles(params string[] pythonOptions)
    {
        var script = Repo.Path("tests", "EdgeStream.Evaluation.Tests", "Skab", "skab_predictions_to_csv.py");
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is absent: reading SKAB's published predictions needs Debian's python3 and pandas (apt-get install python3 python3-pandas)");
        }

        var output = Directory.CreateTempSubdirectory("skab-predictions-");
        try
        {
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in pythonOptions.Concat([script, Path.Combine(Folder, "results"), output.FullName]))
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} ran past 2 minutes");
            }

            var why = stderr.Result.Trim();
            return process.ExitCode switch
            {
                0 => ReadCsvs(output.FullName),
                3 => throw new InvalidOperationException($"{Python} cannot import pandas, which reads SKAB's pickles: apt-get install python3-pandas ({why})"),
                _ => throw new InvalidOperationException($"{script} exited {process.ExitCode}: {why}"),
            };
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static Dictionary<string, List<PublishedSeries>> ReadCsvs(string folder)
    {
        var sets = new Dictionary<string, List<PublishedSeries>>(StringComparer.Ordinal);
        foreach (var set in Directory.GetDirectories(folder))
        {
            sets[Path.GetFileName(set)] = [.. Directory.GetFiles(set, "*.csv").Order(StringComparer.Ordinal).Select(ReadCsv)];
        }

        return sets;
    }

    private static PublishedSeries ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("datetime;anomaly", lines[0]);
        var cells = lines.Skip(1).Select(line => line.Split(';')).ToList();
        var times = cells.Select(c => DateTime.ParseExact(c[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)).ToList();
        var position = int.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture);
        return new PublishedSeries(position, times, [.. cells.Select(c => c[1] == "1")]);
    }
}
