using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Cli;

/// <summary>
/// Every command with broken arguments ends with an exit code and a message, never a stack trace; an unexpected
/// exception becomes one line and a report file only the user can read.
/// </summary>
public sealed class BrokenArgumentsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-broken-args-").FullName;

    public static TheoryData<string[]> Broken() => new()
    {
        { ["frobnicate"] },
        { ["run", "--config", "/nonexistent/edgestream.json"] },
        { ["run", "--set", "Device"] },
        { ["run", "--bogus"] },
        { ["replay"] },
        { ["replay", "/nonexistent/clip.mp4"] },
        { ["replay", "{folder}/garbage.mp4"] },
        { ["replay", "{folder}/empty.csv"] },
        { ["subscribe", "--broker", "not a url"] },
        { ["models", "verify", "/nonexistent/model"] },
        { ["models", "verify", "{folder}"] },
        { ["models", "evaluate", "/nonexistent/model", "--testset", "/nonexistent/testset.json"] },
        { ["models", "evaluate", "{models}/action"] },
        { ["bench", "/nonexistent/clip.mp4"] },
        { ["bench", "{clips}/fall.mp4", "--frames", "abc"] },
        { ["keypoints"] },
        { ["keypoints", "/nonexistent/clips", "--out", "{folder}/keypoints"] },
        { ["keypoints", "{folder}", "--out", "/tmp/edgestream-keypoints-unused", "--model", "nonexistent"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task Command_WithBrokenArguments_EndsWithAnExitCodeAndAMessage_NeverAStackTrace(string[] template)
    {
        File.WriteAllText(Path.Combine(_folder, "garbage.mp4"), "this is not a video");
        File.WriteAllText(Path.Combine(_folder, "empty.csv"), "");
        var args = template.Select(a => a
            .Replace("{folder}", _folder, StringComparison.Ordinal)
            .Replace("{models}", Path.Combine(TestEnvironment.RepoRoot, "models"), StringComparison.Ordinal)
            .Replace("{clips}", TestEnvironment.Clips, StringComparison.Ordinal)).ToArray();
        var (exit, output, error) = await CliRun.RunAsync(args);

        var said = output + error;
        Assert.True(exit is ExitCodes.Failed or ExitCodes.StartupError, $"exit {exit} for {string.Join(' ', args)}: {said}");
        Assert.False(string.IsNullOrWhiteSpace(said), $"no message for {string.Join(' ', args)}");
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashReport_UnexpectedException_OneLineAndAReportOnlyTheUserCanRead()
    {
        using var error = new StringWriter();
        Exception failure;
        try
        {
            throw new InvalidOperationException("something nobody foresaw\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            failure = e;
        }

        var exit = await CrashReport.WriteAsync(failure, ["replay", "x.mp4"], error, _folder);

        Assert.Equal(ExitCodes.Failed, exit);
        var line = error.ToString().TrimEnd();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("edgestream: replay failed unexpectedly: InvalidOperationException: something nobody foresaw.", line, StringComparison.Ordinal);
        var report = Assert.Single(Directory.GetFiles(_folder, "edgestream-crash-*.txt"));
        Assert.Contains(report, line, StringComparison.Ordinal);
        Assert.Contains("CrashReport_UnexpectedException", File.ReadAllText(report), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(report));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
