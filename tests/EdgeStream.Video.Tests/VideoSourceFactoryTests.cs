using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Video.Cameras;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Files;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests;

public class VideoSourceFactoryTests
{
    private static readonly VideoSourceFactory Factory = new(new VideoSourceOptions());

    [Theory]
    [InlineData("clip.mp4", typeof(VideoFileSource))]
    [InlineData("/dev/video0", typeof(CameraSource))]
    [InlineData("v4l2:1", typeof(CameraSource))]
    [InlineData("rtsp://127.0.0.1:8554/cam", typeof(PipeSource))]
    [InlineData("https://127.0.0.1/live.m3u8", typeof(PipeSource))]
    [InlineData("udp://127.0.0.1:5000", typeof(PipeSource))]
    [InlineData("pipe:gst-launch-1.0 -q videotestsrc ! fdsink", typeof(PipeSource))]
    public async Task Create_Uri_PicksTheSourceKind(string uri, Type expected)
    {
        await using var source = Factory.Create(new StreamOptions { Id = "s1", Uri = uri }, Sources.Spec);

        Assert.IsType(expected, source);
        Assert.Equal("s1", source.StreamId);
    }

    [Fact]
    public async Task Create_ManifestInputSpec_UsesItsSize()
    {
        var input = new InputSpec { Frames = 16, Channels = 3, Width = 64, Height = 64, ColorOrder = "rgb", Scale = 1 / 255.0, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f], Resize = "stretch" };

        await using var source = Factory.Create(new StreamOptions { Id = "s1", Uri = "clip.mp4" }, input);

        var writer = new RecordingWriter(3 * 32 * 32);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.RunAsync(writer, CancellationToken.None));
        Assert.Contains("3x64x64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SensorUri_ThrowsNamingTheStream()
    {
        var ex = Assert.Throws<ArgumentException>(() => Factory.Create(new StreamOptions { Id = "pump", Uri = "csv:pump.csv" }, Sources.Spec));

        Assert.Contains("Stream 'pump'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a video URI", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadPacing_ThrowsNamingStreamAndKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => Factory.Create(new StreamOptions { Id = "door", Uri = "a.mp4", Pacing = "turbo" }, Sources.Spec));

        Assert.Contains("Stream 'door': Pacing must be 'realtime' or 'fast' (got 'turbo')", ex.Message, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task Create_RelativePath_ResolvesAgainstTheBaseDirectory()
    {
        var stream = new StreamOptions { Id = "s1", Uri = Path.GetFileName(TestClips.H264), Pacing = "fast" };
        await using var source = Factory.Create(stream, Sources.Spec, baseDirectory: TestClips.Dir);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.Equal(TestClips.Frames, writer.Count);
    }

    [FfmpegFact]
    public async Task Create_FileEpoch_StartsStreamTimeThere()
    {
        var epoch = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var factory = new VideoSourceFactory(new VideoSourceOptions()) { FileEpoch = epoch };
        await using var source = factory.Create(new StreamOptions { Id = "s1", Uri = TestClips.Mjpeg, Pacing = "fast" }, Sources.Spec);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.Equal(epoch, writer.Steps[0].Timestamp);
    }

    [Fact]
    public void Constructor_BadOption_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VideoSourceFactory(new VideoSourceOptions { ReconnectJitter = 1.5 }));

        Assert.Contains("EdgeStream:Video:ReconnectJitter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsVideoUri_SensorAndVideo_TellsThemApart()
    {
        Assert.True(VideoSourceFactory.IsVideoUri("rtsp://127.0.0.1/x"));
        Assert.False(VideoSourceFactory.IsVideoUri("mqtt:plant/pump"));
    }
}
