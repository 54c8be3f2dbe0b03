using EdgeStream.Core.Sources;
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
        var run = Sources.Start(source, writer, stop.Token);

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
        var run = Sources.Start(source, writer, CancellationToken.None);
        await writer.WaitUntilAsync(w => w.Count == 1, "the first frame, released at once");

        // Advance the fake clock in 10 ms steps: a frame may come a step late (the source may compute its wait
        // just before a step), but never before its timestamp is due.
        var elapsed = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {writer.Count} frames after {elapsed.TotalSeconds:0.00} s of fake time");
            clock.Advance(TimeSpan.FromMilliseconds(10));
            elapsed += TimeSpan.FromMilliseconds(10);
            await Task.Delay(3);
            var due = (int)Math.Floor((elapsed.TotalSeconds * TestClips.Fps) + 1e-6) + 1;
            Assert.True(writer.Count <= due, $"{writer.Count} frames released after {elapsed.TotalMilliseconds} ms, only {due} due");
        }

        await run;
        Assert.Equal(TestClips.Frames, writer.Count);
        Assert.True(elapsed >= TimeSpan.FromSeconds((TestClips.Frames - 1.0) / TestClips.Fps), $"the clip ended after only {elapsed.TotalSeconds} s of clock time");
    }

    private static void AssertStrictlyIncreasing(IReadOnlyList<RecordingWriter.Step> steps)
    {
        for (var i = 1; i < steps.Count; i++)
        {
            Assert.True(steps[i].Timestamp > steps[i - 1].Timestamp, $"timestamp of step {i} ({steps[i].Timestamp:O}) is not after step {i - 1} ({steps[i - 1].Timestamp:O})");
        }
    }
}
