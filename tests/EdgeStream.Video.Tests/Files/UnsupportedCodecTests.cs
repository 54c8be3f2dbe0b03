using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Files;

/// <summary>
/// A well-formed file in a codec OpenCV's bundled FFmpeg cannot decode: AV1 (its FFmpeg has only the hardware-accelerated
/// AV1 decoder, no libdav1d or libaom). The container opens; no frame decodes. The stream goes offline with a message
/// naming the file and the likely cause instead of running empty.
/// </summary>
public sealed class UnsupportedCodecTests
{
    private static readonly Lazy<string> Av1 = new(() =>
    {
        var path = Path.Combine(TestClips.Dir, "testsrc.av1.mp4");
        TestClips.Ffmpeg("-f", "lavfi", "-i", $"testsrc=size={TestClips.Width}x{TestClips.Height}:rate={TestClips.Fps}", "-t", "2",
            "-c:v", "libaom-av1", "-cpu-used", "8", "-pix_fmt", "yuv420p", path);
        return path;
    });

    [FfmpegFact]
    public async Task RunAsync_Av1Clip_OfflineNamingFileAndUnsupportedCodec()
    {
        await using var source = Sources.File(Av1.Value);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains(Av1.Value, ex.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Count);
        Assert.Equal(StreamHealth.Offline, writer.Health[^1].Health);
    }
}
