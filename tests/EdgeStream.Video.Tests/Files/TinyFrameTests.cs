using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Files;

/// <summary>
/// A clip whose frames are too small to judge (8x8, 1x1) is refused with a reason, not stretched to the model's input
/// into confident events; 32x32, the smallest size accepted, plays.
/// </summary>
public sealed class TinyFrameTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-tiny-frames-").FullName;

    [FfmpegTheory]
    [InlineData(8, 8, "libx264")]
    [InlineData(1, 1, "mjpeg")]
    [InlineData(64, 16, "libx264")]
    public async Task RunAsync_FramesSmallerThan32Pixels_StreamOfflineWithTheSizeAndTheMinimum(int width, int height, string codec)
    {
        var clip = Clip(width, height, codec);
        await using var source = Sources.File(clip);
        var writer = Sources.Writer();

        await Assert.ThrowsAsync<VideoSourceException>(() => Sources.RunToEndAsync(source, writer));

        Assert.Equal(0, writer.Count);
        var reason = Sources.LastOffline(writer);
        Assert.Contains($"frames are {width}x{height} pixels", reason, StringComparison.Ordinal);
        Assert.Contains("at least 32x32", reason, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task RunAsync_32By32Frames_Play()
    {
        await using var source = Sources.File(Clip(32, 32, "libx264"));
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.True(writer.Count > 0, "a 32x32 clip is the smallest accepted");
        Assert.Contains(writer.Health, h => h.Health == StreamHealth.Online);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Clip(int width, int height, string codec)
    {
        var path = Path.Combine(_folder, $"{width}x{height}.{(codec == "mjpeg" ? "avi" : "mp4")}");
        string[] pixels = codec == "mjpeg" ? ["-pix_fmt", "yuvj444p"] : ["-pix_fmt", "yuv444p"];
        TestClips.Ffmpeg(["-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=15", "-t", "1", "-c:v", codec, .. pixels, path]);
        return path;
    }
}
