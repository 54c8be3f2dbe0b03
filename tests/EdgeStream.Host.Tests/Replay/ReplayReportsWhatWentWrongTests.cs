using System.Diagnostics;
using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>
/// A replay says when its events did not reach the broker (exit 1; it printed "2 events" and exited 0 before) and
/// why a clip shorter than one window produced nothing (it printed a bare "-" before).
/// </summary>
public sealed class ReplayReportsWhatWentWrongTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-replay-report-").FullName;

    [Fact]
    public async Task Replay_ToABrokerNobodyAnswers_ExitsOneSayingEventsWereNotDelivered()
    {
        var closed = FreePort.Next(); // nothing listens there

        var (exit, output) = await RunAsync("replay", Path.Combine(TestEnvironment.Clips, "fall.mp4"), "--broker", $"mqtt://127.0.0.1:{closed}", "--set", "Mqtt:PublishTimeoutSeconds=1");

        Assert.True(exit == ExitCodes.Failed, output);
        Assert.Contains("publishes were refused or timed out", output, StringComparison.Ordinal);
        Assert.Contains("not every event was delivered", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ClipShorterThanOneWindow_SaysThereWasNothingToJudge()
    {
        var clip = Path.Combine(_folder, "short.mp4");
        var ffmpeg = Tools.Which("ffmpeg");
        using (var make = Process.Start(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15", "-t", "0.4", "-pix_fmt", "yuv420p", clip])!)
        {
            await make.WaitForExitAsync().WaitAsync(Eventually.Limit);
            Assert.Equal(0, make.ExitCode);
        }

        var (exit, output) = await RunAsync("replay", clip);

        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains("shorter than one window of the model: nothing to judge", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (exit, output, error) = await CliRun.RunAsync(args);
        return (exit, output + error);
    }
}
