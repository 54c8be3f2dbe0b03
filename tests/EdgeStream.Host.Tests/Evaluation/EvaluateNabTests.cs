using System.Globalization;
using System.Text.Json;
using EdgeStream.Evaluation.Nab;
using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Evaluation;

/// <summary>
/// <c>edgestream evaluate nab</c> as a user runs it: on a corpus of their own in NAB's layout (made here), and on
/// NAB itself, where the rows it writes, scored again with NAB's rules, give the totals it printed.
/// </summary>
public sealed class EvaluateNabTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _corpus = Directory.CreateTempSubdirectory("edgestream-evaluate-nab-").FullName;

    /// <summary>A minute-by-minute pump reading with a jump of 40 standard deviations at row 1500, and a quiet twin.</summary>
    private void WriteOwnCorpus(bool labelQuiet = true)
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string Stamp(int row) => start.AddMinutes(row).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var random = new Random(7);
        foreach (var (name, jump) in new[] { ("pump.csv", true), ("quiet.csv", false) })
        {
            var lines = Enumerable.Range(0, 2000).Select(r =>
                Stamp(r) + "," + (50 + (5 * Math.Sin(r / 30.0)) + random.NextDouble() + (jump && r is >= 1500 and < 1600 ? 40 : 0)).ToString("R", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(Path.Combine(_corpus, "data", "plant"));
            File.WriteAllLines(Path.Combine(_corpus, "data", "plant", name), ["timestamp,value", .. lines]);
        }

        var labels = new Dictionary<string, string[][]> { ["plant/pump.csv"] = [[Stamp(1450), Stamp(1550)]] };
        if (labelQuiet)
        {
            labels["plant/quiet.csv"] = [];
        }

        Directory.CreateDirectory(Path.Combine(_corpus, "labels"));
        File.WriteAllText(Path.Combine(_corpus, "labels", "combined_windows.json"), JsonSerializer.Serialize(labels));
    }

    [Fact]
    public async Task Evaluate_OwnCorpusInNabLayout_FindsTheJumpAndPrintsTheTables()
    {
        WriteOwnCorpus();

        var (exit, text) = await RunAsync("evaluate", "nab", _corpus);

        Assert.True(exit == ExitCodes.Ok, text);
        Assert.Contains("2 files, 1 windows", text, StringComparison.Ordinal);
        var pump = Row(text, "plant/pump.csv");
        Assert.Equal("1", pump[2]); // windows
        Assert.Equal("1", pump[4]); // shipped found
        Assert.Contains("EdgeStream, shipped events", text, StringComparison.Ordinal);
        Assert.Contains("EdgeStream, NAB protocol", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_AFileWithoutLabels_IsRefusedNamingIt()
    {
        WriteOwnCorpus(labelQuiet: false);

        var (exit, text) = await RunAsync("evaluate", "nab", _corpus);

        Assert.True(exit == ExitCodes.StartupError, text);
        Assert.Contains("plant/quiet.csv has no entry in combined_windows.json (give it [] if it has no anomaly)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_AFolderNotInNabLayout_SaysWhatItNeeds()
    {
        var (exit, text) = await RunAsync("evaluate", "nab", _corpus);

        Assert.True(exit == ExitCodes.StartupError, text);
        Assert.Contains("needs data/<category>/<name>.csv and labels/combined_windows.json", text, StringComparison.Ordinal);
    }

    [SharedDataFact("nab")]
    public async Task Evaluate_Nab_RowsItWritesScoreToTheTotalsItPrints()
    {
        var nab = Path.Combine(Repo.SharedData, "nab");
        var rows = Path.Combine(_corpus, "rows");

        // NAB's 365k rows take about 35 s alone; the whole test run shares the 2 cores with it.
        var (exit, stdout, stderr) = await CliRun.RunAsync(TimeSpan.FromMinutes(8), "evaluate", "nab", nab, "--rows", rows);
        var text = stdout + stderr;

        output.WriteLine(text);
        Assert.True(exit == ExitCodes.Ok, text);
        Assert.Contains("58 files, 116 windows", text, StringComparison.Ordinal);
        var labels = NabLabels.Load(Path.Combine(nab, "labels", "combined_windows.json"));
        var files = labels.Files.Select(f => ReadRows(Path.Combine(rows, NabFileRows.CategoryOf(f), "edgestream_" + Path.GetFileName(f)), f)).ToArray();
        var printed = Row(text, "EdgeStream, shipped events", skip: 3);
        // Measured 67.75 with the shipped likelihood rule (the issue's bar, Numenta HTM's 70.5, is not reached:
        // models/README.md); this guards the number the README states.
        Assert.True(double.Parse(printed[0], CultureInfo.InvariantCulture) >= 67.7, $"NAB standard {printed[0]} fell below the measured 67.75");
        foreach (var (profile, i) in NabProfile.All.Select((p, i) => (p, i)))
        {
            var rescored = NabScorer.ScoreCorpus(files, labels, profile, 0.5).Total.NormalisedScore!.Value;
            Assert.Equal(printed[i], rescored.ToString("0.00", CultureInfo.InvariantCulture));
        }
    }

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    /// <summary>The rows file's timestamps and its anomaly_score column (the shipped detections).</summary>
    private static NabFileRows ReadRows(string path, string file)
    {
        var lines = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        return new NabFileRows(
            file,
            [.. lines.Select(c => DateTime.ParseExact(c[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))],
            [.. lines.Select(c => double.Parse(c[2], CultureInfo.InvariantCulture))]);
    }

    /// <summary>The cells of the line that starts with <paramref name="first"/>, after its first <paramref name="skip"/> words.</summary>
    private static string[] Row(string text, string first, int skip = 0) =>
        [.. text.Split('\n').First(l => l.StartsWith(first, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(skip)];

    private static async Task<(int Exit, string Text)> RunAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(args);
        return (exit, stdout + stderr);
    }
}
