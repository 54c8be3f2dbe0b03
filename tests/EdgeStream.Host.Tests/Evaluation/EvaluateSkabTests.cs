using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Evaluation;

/// <summary><c>edgestream evaluate skab</c> on SKAB v0.9: every labelled file replayed, both tracks scored, our rows in the leaderboard's tables.</summary>
public sealed class EvaluateSkabTests(ITestOutputHelper output)
{
    [SharedDataFact("skab")]
    public async Task Evaluate_Skab_ScoresEveryFileAndPlacesOurRowsOnTheLeaderboard()
    {
        var (exit, stdout, stderr) = await CliRun.RunAsync("evaluate", "skab", Path.Combine(Repo.SharedData, "skab"));

        output.WriteLine(stdout + stderr);
        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        Assert.Contains("34 labelled files", stdout, StringComparison.Ordinal);
        var fileRows = stdout.Split('\n').Where(l => l.StartsWith("valve1/", StringComparison.Ordinal) || l.StartsWith("valve2/", StringComparison.Ordinal) || l.StartsWith("other/", StringComparison.Ordinal));
        Assert.Equal(34, fileRows.Count());
        Assert.Contains("Outlier detection (LEADERBOARD.md, our row sorted in)", stdout, StringComparison.Ordinal);
        Assert.Contains("Changepoint detection (LEADERBOARD.md, our row sorted in)", stdout, StringComparison.Ordinal);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("| EdgeStream, shipped  <--", StringComparison.Ordinal)));
        Assert.Equal(127, fileRows.Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], System.Globalization.CultureInfo.InvariantCulture))); // SKAB's true changepoints after row 400
    }
}
