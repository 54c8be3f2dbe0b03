using EdgeStream.Core.Preprocessing;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Pipes;

public class PipeCommandTests
{
    [Fact]
    public void ForNetwork_Rtsp_UsesTcpSocketTimeoutAndAreaScaling()
    {
        var command = PipeCommand.ForNetwork("ffmpeg", new Uri("rtsp://127.0.0.1:8554/cam"), 64, 48, TimeSpan.FromSeconds(3));

        var args = string.Join(' ', command.Arguments);
        Assert.Equal("ffmpeg", command.FileName);
        Assert.Contains("-rtsp_transport tcp -timeout 3000000 -i rtsp://127.0.0.1:8554/cam", args, StringComparison.Ordinal);
        Assert.EndsWith("-vf scale=64:48:flags=area -pix_fmt bgr24 -f rawvideo pipe:1", args, StringComparison.Ordinal);
        Assert.Equal(64 * 48 * 3, command.FrameBytes);
    }

    [Fact]
    public void ForNetwork_Letterbox_ScalesByTheContractsRuleThenPadsWithBlack()
    {
        var command = PipeCommand.ForNetwork("ffmpeg", new Uri("rtsp://127.0.0.1:8554/cam"), 192, 192, TimeSpan.FromSeconds(3), letterbox: true);

        const string filter = "scale=w='max(1,floor(iw*min(192/iw,192/ih)+0.5))':h='max(1,floor(ih*min(192/iw,192/ih)+0.5))':flags=area,"
            + "format=bgr24,pad=192:192:'floor((ow-iw)/2)':'floor((oh-ih)/2)':black";
        Assert.EndsWith($"-vf {filter} -pix_fmt bgr24 -f rawvideo pipe:1", string.Join(' ', command.Arguments), StringComparison.Ordinal);
        Assert.Equal(192 * 192 * 3, command.FrameBytes);
    }

    [FfmpegTheory]
    [InlineData(333, 100, 64, 64)]
    [InlineData(101, 250, 64, 48)]
    [InlineData(200, 100, 64, 64)]
    [InlineData(640, 480, 192, 192)]
    public void ScaleFilter_Letterbox_FfmpegPlacesTheContentWhereLetterboxGeometrySays(int w, int h, int tw, int th)
    {
        var raw = Path.Combine(TestClips.Dir, $"letterbox-{w}x{h}-{tw}x{th}.bgr");
        TestClips.Ffmpeg("-f", "lavfi", "-i", $"color=c=white:size={w}x{h}", "-frames:v", "1", "-vf", PipeCommand.ScaleFilter(tw, th, letterbox: true), "-pix_fmt", "bgr24", "-f", "rawvideo", raw);
        var bytes = File.ReadAllBytes(raw);
        var box = LetterboxGeometry.For(w, h, tw, th);

        Assert.Equal(tw * th * 3, bytes.Length);
        for (var y = 0; y < th; y++)
        {
            for (var x = 0; x < tw; x++)
            {
                var inside = x >= box.X0 && x < box.X0 + box.ContentWidth && y >= box.Y0 && y < box.Y0 + box.ContentHeight;
                var value = bytes[(((y * tw) + x) * 3) + 1];
                Assert.True(inside ? value > 200 : value == 0, $"x={x}, y={y}: {value}, content {box.ContentWidth}x{box.ContentHeight} at ({box.X0},{box.Y0})");
            }
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1/live.m3u8", "-rw_timeout 2000000 -i")]
    [InlineData("udp://127.0.0.1:5000", "-timeout 2000000 -i")]
    public void ForNetwork_OtherSchemes_UseTheirTimeoutOption(string url, string expected)
    {
        var command = PipeCommand.ForNetwork("ffmpeg", new Uri(url), 8, 8, TimeSpan.FromSeconds(2));

        Assert.Contains(expected, string.Join(' ', command.Arguments), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_UrlWithCredentials_HidesThemInDisplayAndLines()
    {
        var command = PipeCommand.ForNetwork("ffmpeg", new Uri("rtsp://admin:s3cret@10.0.0.5/main"), 8, 8, TimeSpan.FromSeconds(1));

        Assert.Equal("ffmpeg rtsp://***@10.0.0.5/main", command.Display);
        Assert.Equal("rtsp://***@10.0.0.5/main: 401 Unauthorized", command.Redact("rtsp://admin:s3cret@10.0.0.5/main: 401 Unauthorized"));
        Assert.Contains("rtsp://admin:s3cret@10.0.0.5/main", command.Arguments); // ffmpeg itself still gets them
    }

    [Fact]
    public void ForShell_Command_RunsThroughShWithTheGivenFrameSize()
    {
        var command = PipeCommand.ForShell("gst-launch-1.0 -q nvarguscamerasrc ! fdsink", 64, 64);

        Assert.Equal(("/bin/sh", 64 * 64 * 3), (command.FileName, command.FrameBytes));
        Assert.Equal(["-c", "gst-launch-1.0 -q nvarguscamerasrc ! fdsink"], command.Arguments);
    }
}
