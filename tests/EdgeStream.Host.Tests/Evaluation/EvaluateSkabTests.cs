using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Evaluation;

/// <summary>
/// <c>edgestream evaluate skab</c> on SKAB v0.9: every labelled file replayed, both tracks scored, our rows in the
/// leaderboard's tables, and the shipped chart holding the bar (F1 at least 0.79 with FAR at most 13.5% and
/// MAR at most 28%; Conv-AE, the leaderboard's best, has 0.78 / 13.55 / 28.02). Measured 0.81 / 10.53 / 25.82.
/// </summary>
public sealed class EvaluateSkabTests(ITestOutputHelper output)
{
    [SharedDataFact("skab")]
    public async Task Evaluate_Skab_ScoresEveryFileAndPlacesOurRowsOnTheLeaderboard()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync(TimeSpan.FromMinutes(5), "evaluate", "skab", Path.Combine(Repo.SharedData, "skab"));

        output.WriteLine(stdout + stderr);
        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        Assert.Contains("34 labelled files", stdout, StringComparison.Ordinal);
        var outliers = stdout.Split('\n').First(l => l.StartsWith("| EdgeStream, shipped |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        var (f1, far, mar) = (Number(outliers[2]), Number(outliers[3]), Number(outliers[4]));
        Assert.True(f1 >= 0.79 && far <= 13.5 && mar <= 28, $"SKAB outlier track F1 {f1}, FAR {far}%, MAR {mar}%: below the bar of 0.79 / 13.5 / 28");
        var fileRows = stdout.Split('\n').Where(l => l.StartsWith("valve1/", StringComparison.Ordinal) || l.StartsWith("valve2/", StringComparison.Ordinal) || l.StartsWith("other/", StringComparison.Ordinal));
        Assert.Equal(34, fileRows.Count());
        Assert.Contains("Outlier detection (LEADERBOARD.md, our row sorted in)", stdout, StringComparison.Ordinal);
        Assert.Contains("Changepoint detection (LEADERBOARD.md, our row sorted in)", stdout, StringComparison.Ordinal);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("| EdgeStream, shipped  <--", StringComparison.Ordinal)));
        Assert.Equal(127, fileRows.Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], System.Globalization.CultureInfo.InvariantCulture))); // SKAB's true changepoints after row 400
    }

    private static double Number(string cell) => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
}
