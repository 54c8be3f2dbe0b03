using EdgeStream.Core.Sources;
using EdgeStream.Video.Cameras;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Preprocessing;
using EdgeStream.Video.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Video.Tests.Cameras;

/// <summary>No camera exists on the test machines: these cover the open-failure, reconnect and give-up paths with real OpenCV.</summary>
public class CameraSourceTests
{
    [Fact]
    public async Task RunAsync_MissingDevice_RetriesWithBackoffThenGivesUpNamingTheDevice()
    {
        await using var source = new CameraSource("cam", CameraDevice.FromPath("/dev/video97"), new FramePreprocessor(Sources.Spec), Sources.FastRetries(maxAttempts: 2), TimeProvider.System, NullLogger.Instance);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains("cannot open camera /dev/video97", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, writer.Health.Count);
        Assert.All(writer.Health, h => Assert.Equal(StreamHealth.Offline, h.Health));
        Assert.Contains("retry 1 in", writer.Health[0].Reason, StringComparison.Ordinal);
        Assert.Contains("retry 2 in", writer.Health[1].Reason, StringComparison.Ordinal);
        Assert.Equal(0, writer.Count);
    }

    [Fact]
    public async Task RunAsync_MissingDeviceUntilCancelled_KeepsRetryingAndStopsCleanly()
    {
        await using var source = new CameraSource("cam", CameraDevice.FromIndex(97), new FramePreprocessor(Sources.Spec), Sources.FastRetries(maxAttempts: null), TimeProvider.System, NullLogger.Instance);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);

        await writer.WaitUntilAsync(w => w.Health.Count >= 4, "four failed attempts");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("v4l2:97", writer.Health[0].Reason, StringComparison.Ordinal);
        Assert.Equal((StreamHealth.Offline, "stopped"), writer.Health[^1]);
    }
}
