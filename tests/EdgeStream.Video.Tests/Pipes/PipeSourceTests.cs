using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Preprocessing;
using EdgeStream.Video.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Video.Tests.Pipes;

public class PipeSourceTests
{
    private static PipeSource Shell(string command, VideoSourceOptions options, int width = 32, int height = 24)
        => new("pipe", PipeCommand.ForShell(command, width, height), new FramePreprocessor(Sources.Spec), options, TimeProvider.System, NullLogger.Instance);

    private static string FfmpegRaw(string input, int width = 32, int height = 24)
        => $"ffmpeg -hide_banner -loglevel error -nostdin -i '{input}' -vf scale={width}:{height} -pix_fmt bgr24 -f rawvideo -";

    [FfmpegFact]
    public async Task RunAsync_CommandWritingFramesThenExiting_DeliversEveryFrameThenReportsTheEnd()
    {
        await using var source = Shell(FfmpegRaw(TestClips.H264), Sources.FastRetries(maxAttempts: 0));
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Equal(TestClips.Frames, writer.Count);
        Assert.Contains($"ended after {TestClips.Frames} frames (exit code 0)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(StreamHealth.Online, writer.Health[0].Health);
        Assert.True(writer.Steps.Select(s => s.Mean).Distinct().Count() > 5, "frames carry the clip's changing pictures");
    }

    [FfmpegFact]
    public async Task RunAsync_LargerFramesThanTheModel_ResizesThem()
    {
        await using var source = Shell(FfmpegRaw(TestClips.Mjpeg, TestClips.Width, TestClips.Height), Sources.FastRetries(maxAttempts: 0), TestClips.Width, TestClips.Height);
        var writer = Sources.Writer();

        await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Equal(TestClips.Frames, writer.Count);
    }

    [Fact]
    public async Task RunAsync_CommandFailing_ErrorCarriesExitCodeAndLastStderrLines()
    {
        await using var source = Shell("echo first-line >&2; echo boom-marker >&2; exit 3", Sources.FastRetries(maxAttempts: 0));
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("first-line | boom-marker", ex.Message, StringComparison.Ordinal);
        Assert.Equal((StreamHealth.Offline, ex.Message), writer.Health[^1]);
    }

    [Fact]
    public async Task RunAsync_CommandSilentFromTheStart_FailsAfterTheConnectTimeoutAndKillsIt()
    {
        var options = Sources.FastRetries(maxAttempts: 0);
        options.ConnectTimeoutSeconds = 1;
        await using var source = Shell("printf 'partial'; exec sleep 60", options);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains("no first frame within 1 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Count);
    }

    [FfmpegFact]
    public async Task RunAsync_CommandStallsAfterFrames_CountsAsFaultAndKillsIt()
    {
        var options = Sources.FastRetries(maxAttempts: 0);
        options.StallTimeoutSeconds = 1;
        await using var source = Shell($"{FfmpegRaw(TestClips.H264)}; exec sleep 60", options);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains($"stalled, no frame for 1 s after {TestClips.Frames} frames", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TestClips.Frames, writer.Count);
    }

    [FfmpegFact]
    public async Task RunAsync_CommandEndingRepeatedly_ReconnectsAndSequenceKeepsGrowing()
    {
        var fiveFrames = $"ffmpeg -hide_banner -loglevel error -nostdin -i '{TestClips.H264}' -frames:v 5 -vf scale=32:24 -pix_fmt bgr24 -f rawvideo -";
        await using var source = Shell(fiveFrames, Sources.FastRetries(maxAttempts: null));
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);

        await writer.WaitUntilAsync(w => w.Count >= 15, "three sessions of five frames");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var steps = writer.Steps;
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps.Select(s => s.Sequence));
        Assert.Equal(steps[0].Mean, steps[5].Mean); // each session starts the clip again
        Assert.Contains(writer.Health, h => h.Reason?.Contains("ended after 5 frames", StringComparison.Ordinal) == true);
        Assert.Equal((StreamHealth.Offline, "stopped"), writer.Health[^1]);
    }

    [Fact]
    public async Task RunAsync_FfmpegMissing_SaysItCannotStartIt()
    {
        var options = Sources.FastRetries(maxAttempts: 0);
        options.FfmpegPath = "/nonexistent/ffmpeg";
        var command = PipeCommand.ForNetwork(options.FfmpegPath, new Uri("rtsp://127.0.0.1:9/x"), 32, 24, TimeSpan.FromSeconds(1));
        await using var source = new PipeSource("net", command, new FramePreprocessor(Sources.Spec), options, TimeProvider.System, NullLogger.Instance);

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(Sources.Writer(), CancellationToken.None));

        Assert.Contains("cannot start /nonexistent/ffmpeg", ex.Message, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task RunAsync_UrlWithPassword_NeverShowsThePassword()
    {
        var options = Sources.FastRetries(maxAttempts: 0);
        var port = FreePort.Next();
        var command = PipeCommand.ForNetwork("ffmpeg", new Uri($"rtsp://admin:hunter2@127.0.0.1:{port}/x"), 32, 24, TimeSpan.FromSeconds(2));
        await using var source = new PipeSource("net", command, new FramePreprocessor(Sources.Spec), options, TimeProvider.System, NullLogger.Instance);

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(Sources.Writer(), CancellationToken.None));

        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"rtsp://***@127.0.0.1:{port}/x", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", command.Display, StringComparison.Ordinal);
    }
}
