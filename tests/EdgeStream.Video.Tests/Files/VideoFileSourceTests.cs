using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeStream.Video.Tests.Files;

public class VideoFileSourceTests
{
    [FfmpegFact]
    public async Task RunAsync_H264Mp4Fast_WritesEveryFrameInOrderThenEnds()
    {
        await using var source = Sources.File(TestClips.H264);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        var steps = writer.Steps;
        Assert.Equal(TestClips.Frames, steps.Count);
        Assert.Equal(Enumerable.Range(0, TestClips.Frames).Select(i => (long)i), steps.Select(s => s.Sequence));
        AssertStrictlyIncreasing(steps);
        Assert.Equal(DateTimeOffset.UnixEpoch, steps[0].Timestamp);
        Assert.InRange((steps[^1].Timestamp - steps[0].Timestamp).TotalMilliseconds, (29000.0 / 15) - 2, (29000.0 / 15) + 2);
        Assert.Empty(writer.Rejects);
        Assert.Equal(StreamHealth.Online, writer.Health[0].Health);
        Assert.Contains("end of file", Sources.LastOffline(writer), StringComparison.Ordinal);
        Assert.True(writer.Pool.Created <= 2, $"buffers should be reused, {writer.Pool.Created} were created");
    }

    [FfmpegFact]
    public async Task RunAsync_MjpegAvi_DecodesEveryFrame()
    {
        await using var source = Sources.File(TestClips.Mjpeg);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.Equal(TestClips.Frames, writer.Count);
        AssertStrictlyIncreasing(writer.Steps);
        Assert.True(writer.Steps.Select(s => s.Mean).Distinct().Count() > 5, "testsrc frames differ from each other");
    }

    [FfmpegFact]
    public async Task RunAsync_RedClip_RedLandsInTheFirstPlaneForRgbModels()
    {
        await using var source = Sources.File(TestClips.Red);
        var writer = Sources.Writer(keepData: true);

        await Sources.RunToEndAsync(source, writer);

        var data = writer.Steps[0].Data!;
        var plane = Sources.Spec.Width * Sources.Spec.Height;
        // Pure red (255, 0, 0) normalised with mean 0.5 / std 0.5 is (1, -1, -1); MJPEG is lossy, so within 0.1.
        Assert.InRange(data.AsSpan(0, plane).ToArray().Average(), 0.9, 1.0);
        Assert.InRange(data.AsSpan(plane, plane).ToArray().Average(), -1.0, -0.9);
        Assert.InRange(data.AsSpan(2 * plane, plane).ToArray().Average(), -1.0, -0.9);
    }

    [FfmpegFact]
    public async Task RunAsync_Loop_KeepsSequenceAndTimestampsIncreasingAcrossPasses()
    {
        await using var source = Sources.File(TestClips.H264, loop: true);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);

        await writer.WaitUntilAsync(w => w.Count >= (3 * TestClips.Frames) + 5, "three loop passes");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var steps = writer.Steps;
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps.Select(s => s.Sequence));
        AssertStrictlyIncreasing(steps);
        var interval = TimeSpan.FromSeconds(1.0 / TestClips.Fps);
        Assert.InRange((steps[TestClips.Frames].Timestamp - steps[TestClips.Frames - 1].Timestamp - interval).Duration().TotalMilliseconds, 0, 2);
        Assert.Equal(steps[1].Mean, steps[TestClips.Frames + 1].Mean); // the same picture comes back on the next pass
        Assert.Equal("stopped", Sources.LastOffline(writer));
    }

    [FfmpegFact]
    public async Task RunAsync_Realtime_ReleasesFramesOnlyAsTheClockAdvances()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var source = Sources.File(TestClips.H264, realtime: true, time: clock);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);

        await writer.WaitUntilAsync(w => w.Count == 1, "the first frame, released at once");
        for (var released = 2; released <= 6; released++)
        {
            // One frame interval plus 1 ms (container timestamps are rounded): exactly one more frame is due.
            clock.Advance(TimeSpan.FromSeconds(1.0 / TestClips.Fps) + TimeSpan.FromMilliseconds(1));
            await writer.WaitUntilAsync(w => w.Count >= released, $"frame {released} after the clock advanced");
            Assert.Equal(released, writer.Count); // never ahead of the clock
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(2);
        }

        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TestClips.Frames, writer.Count);
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<RecordingWriter.Step> steps)
    {
        for (var i = 1; i < steps.Count; i++)
        {
            Assert.True(steps[i].Timestamp > steps[i - 1].Timestamp, $"timestamp of step {i} ({steps[i].Timestamp:O}) is not after step {i - 1} ({steps[i - 1].Timestamp:O})");
        }
    }
}
