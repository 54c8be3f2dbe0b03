using System.Globalization;
using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>
/// Sensor replays judge series sampled every 5 minutes (NAB) with the defaults, and take per-stream settings
/// with the same <c>--set Streams:N:KEY</c> keys as <c>run</c>. Before: the fixed 2 s gap limit reset NAB's
/// windows at every step (0 windows, nothing said), and replay dropped <c>--set Streams:...</c> silently.
/// </summary>
public sealed class ReplayStreamSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-replay-streams-").FullName;

    /// <summary>The bundled univariate sample's values, re-stamped every <paramref name="step"/>.</summary>
    private string Series(string name, TimeSpan step)
    {
        var rows = File.ReadAllLines(Path.Combine(TestEnvironment.Sensors, "univariate_anomalies.csv")).Skip(1).ToArray();
        var start = new DateTimeOffset(2014, 2, 14, 14, 30, 0, TimeSpan.Zero);
        var lines = rows.Select((row, i) => (start + (step * i)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "," + row.Split(',')[1]);
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, ["timestamp,value", .. lines]);
        return path;
    }

    [Fact]
    public async Task Replay_FiveMinuteSeriesWithTheDefaults_JudgesWindows()
    {
        var csv = Series("five_minutes.csv", TimeSpan.FromMinutes(5));

        var (exit, output) = await RunAsync("replay", csv);

        Assert.True(exit == ExitCodes.Ok, output);
        var windows = long.Parse(Row(output, "five_minutes")[3], CultureInfo.InvariantCulture);
        Assert.True(windows > 100, output);
    }

    [Fact]
    public async Task Replay_SetStreamsMaxGapBelowTheStep_IsHonouredAndSaysWhyNothingIsJudged()
    {
        var csv = Series("one_second.csv", TimeSpan.FromSeconds(1));

        var (exit, output) = await RunAsync("replay", csv, "--set", "Streams:0:MaxGapSeconds=0.5");

        Assert.True(exit == ExitCodes.Ok, output);
        var row = Row(output, "one_second");
        Assert.Equal("0", row[3]);
        Assert.Contains("MaxGapSeconds=0.5", output, StringComparison.Ordinal);
        Assert.Contains("never fills", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_SetStreamsForTheSecondFile_TunesOnlyThatFile()
    {
        var a = Series("first.csv", TimeSpan.FromSeconds(1));
        var b = Series("second.csv", TimeSpan.FromSeconds(1));

        var (exit, output) = await RunAsync("replay", a, b, "--set", "Streams:1:MaxGapSeconds=0.5");

        Assert.True(exit == ExitCodes.Ok, output);
        Assert.NotEqual("0", Row(output, "first")[3]);
        Assert.Equal("0", Row(output, "second")[3]); // windows: every 1 s step is a gap under 0.5 s
    }

    [Theory]
    [InlineData("Streams:1:Threshold=3", "this replay has 1 stream(s)")]
    [InlineData("Streams:0:Uri=other.csv", "takes each stream's Uri from its file")]
    [InlineData("Streams:x:Threshold=3", "expected a list index")]
    [InlineData("Streams:0:Threshold=3", "must be at most 1 for anomaly model")]
    public async Task Replay_SetStreamsItCannotHonour_IsAStartupErrorSayingWhy(string assignment, string expected)
    {
        var csv = Series("series.csv", TimeSpan.FromSeconds(1));

        var (exit, output) = await RunAsync("replay", csv, "--set", assignment);

        Assert.True(exit == ExitCodes.StartupError, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Row(string output, string stream) =>
        output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First(cells => cells.Length > 4 && cells[0] == stream);

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (exit, output, error) = await CliRun.RunAsync(args);
        return (exit, output + error);
    }
}
