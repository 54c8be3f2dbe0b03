using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.TestSupport.Contracts;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Preprocessing;
using EdgeStream.Video.Tests.Rtsp;
using EdgeStream.Video.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Video.Tests.Contracts;

// CameraSource opens V4L2 devices only; this machine (and CI) has none and cannot load v4l2loopback in a container,
// so it runs no contract here. Its failure paths are tested in Cameras/CameraSourceTests.cs.

/// <summary>A video file read to its end (the 30-frame H.264 test clip).</summary>
public sealed class VideoFileSourceContract : StreamSourceContract
{
    protected override string StreamId => "test";

    protected override int StepLength => Sources.Spec.Length;

    protected override bool Finite => true;

    protected override int StepsToSee => TestClips.Frames;

    protected override string? Unavailable => TestEnvironment.WhyNoFfmpeg;

    protected override Task<IStreamSource> CreateSourceAsync() => Task.FromResult<IStreamSource>(Sources.File(TestClips.H264));
}

/// <summary>The same file looped: a live input, cancelled mid-clip.</summary>
public sealed class LoopedVideoFileSourceContract : StreamSourceContract
{
    protected override string StreamId => "test";

    protected override int StepLength => Sources.Spec.Length;

    protected override bool Finite => false;

    protected override int StepsToSee => TestClips.Frames + 10;

    protected override string? Unavailable => TestEnvironment.WhyNoFfmpeg;

    protected override Task<IStreamSource> CreateSourceAsync() => Task.FromResult<IStreamSource>(Sources.File(TestClips.H264, loop: true));
}

/// <summary>Raw frames from an ffmpeg command's stdout, restarted when it ends (a live pipe), cancelled in its second run.</summary>
public sealed class PipeSourceContract : StreamSourceContract
{
    protected override string StreamId => "pipe";

    protected override int StepLength => Sources.Spec.Length;

    protected override bool Finite => false;

    protected override int StepsToSee => TestClips.Frames + 10;

    protected override string? Unavailable => TestEnvironment.WhyNoFfmpeg;

    protected override Task<IStreamSource> CreateSourceAsync() => Task.FromResult<IStreamSource>(new PipeSource(
        StreamId,
        PipeCommand.ForShell($"ffmpeg -hide_banner -loglevel error -nostdin -i '{TestClips.H264}' -vf scale=32:24 -pix_fmt bgr24 -f rawvideo -", 32, 24),
        new FramePreprocessor(Sources.Spec),
        Sources.FastRetries(maxAttempts: null),
        TimeProvider.System,
        NullLogger.Instance));
}

/// <summary>A live RTSP stream from a real server, as a user configures it (the factory picks the source).</summary>
[Collection(RtspServerTests.Name)]
public sealed class RtspSourceContract : StreamSourceContract, IAsyncLifetime
{
    private RtspTestServer? _server;

    protected override string StreamId => "rtsp";

    protected override int StepLength => Sources.Spec.Length;

    protected override bool Finite => false;

    protected override int StepsToSee => 10;

    protected override string? Unavailable => TestEnvironment.WhyNoRtsp;

    protected override async Task<IStreamSource> CreateSourceAsync()
    {
        _server ??= await RtspTestServer.StartOnFreePortAsync();
        return new VideoSourceFactory(Sources.FastRetries(maxAttempts: null)).Create(new StreamOptions { Id = StreamId, Uri = _server.Url }, Sources.Spec);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The recording writer the video tests use.</summary>
public sealed class VideoRecordingWriterContract : StepWriterContract
{
    protected override IStepWriter Create() => new RecordingWriter(Length);
}
