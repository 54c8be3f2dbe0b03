using EdgeStream.Video.Pipes;

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
