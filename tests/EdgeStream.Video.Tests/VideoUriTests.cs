namespace EdgeStream.Video.Tests;

public class VideoUriTests
{
    [Theory]
    [InlineData("clips/walk.mp4", VideoUriKind.File, "clips/walk.mp4", null)]
    [InlineData("/data/a b.avi", VideoUriKind.File, "/data/a b.avi", null)]
    [InlineData("file:///data/x.mp4", VideoUriKind.File, "/data/x.mp4", null)]
    [InlineData("/dev/video2", VideoUriKind.Camera, "/dev/video2", null)]
    [InlineData("v4l2:3", VideoUriKind.Camera, "/dev/video3", 3)]
    [InlineData("v4l2:/dev/video-usb", VideoUriKind.Camera, "/dev/video-usb", null)]
    [InlineData("rtsp://cam.local:554/stream1", VideoUriKind.Network, "rtsp://cam.local:554/stream1", null)]
    [InlineData("http://127.0.0.1:8080/live.m3u8", VideoUriKind.Network, "http://127.0.0.1:8080/live.m3u8", null)]
    [InlineData("udp://127.0.0.1:5000", VideoUriKind.Network, "udp://127.0.0.1:5000", null)]
    [InlineData("pipe: gst-launch-1.0 -q v4l2src ! fdsink", VideoUriKind.Pipe, "gst-launch-1.0 -q v4l2src ! fdsink", null)]
    public void TryParse_VideoUris_ClassifiesKindAndTarget(string uri, VideoUriKind kind, string target, int? index)
    {
        Assert.True(VideoUri.TryParse(uri, out var parsed));

        Assert.Equal(new VideoUri(kind, target, index), parsed);
    }

    [Theory]
    [InlineData("csv:samples/pump.csv")]
    [InlineData("samples/pump.CSV")]
    [InlineData("mqtt:plant/+/vibration")]
    [InlineData("")]
    public void TryParse_SensorOrEmptyUris_ReturnsFalse(string uri)
    {
        Assert.False(VideoUri.TryParse(uri, out var parsed));
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("pipe:", "needs a command")]
    [InlineData("v4l2:front", "device index")]
    [InlineData("ftp://host/x.mp4", "unsupported scheme 'ftp'")]
    public void TryParse_MalformedVideoUri_ThrowsNamingTheUri(string uri, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => VideoUri.TryParse(uri, out _));

        Assert.Contains(uri, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
