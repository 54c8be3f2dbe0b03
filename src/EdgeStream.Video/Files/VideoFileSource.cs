using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeStream.Video.Files;

/// <summary>
/// A video file decoded by OpenCV (its bundled FFmpeg), paced in real time by the frame timestamps or read
/// as fast as possible, optionally looped (a clip used as a camera). Sequence numbers and timestamps keep
/// increasing across loop passes. A file that is missing, empty, corrupt or not a video is reported
/// Offline with a message naming the file; then the source gives up or retries (<see cref="VideoSourceOptions.RetryFiles"/>).
/// </summary>
public sealed class VideoFileSource : IStreamSource
{
    // Undecodable frames in a row before the rest of the file is given up as unreadable.
    private const int MaxFailuresInARow = 250;

    private readonly string _path;
    private readonly FramePreprocessor _preprocessor;
    private readonly VideoFileSettings _settings;
    private readonly VideoSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Mat _frame = new();
    private readonly FileTimeline _timeline = new();
    private long _sequence;

    public VideoFileSource(string streamId, string path, FramePreprocessor preprocessor, VideoFileSettings settings, VideoSourceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        StreamId = streamId;
        _path = path;
        _preprocessor = preprocessor;
        _settings = settings;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string StreamId { get; }

    public Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var emitter = new FrameEmitter(writer, _preprocessor, _path);
        var pacer = new FramePacer(_time, _settings.Realtime);
        var epoch = _settings.Epoch ?? _time.GetUtcNow();
        var loop = new ReconnectLoop(StreamId, writer, _options.Backoff(), _options.RetryFiles ? _options.MaxReconnectAttempts : 0, _time, _logger);

        // Decoding blocks this thread; the pipeline runs every source on the thread pool (Core's SourceRunner), so no Task.Run here.
        return loop.RunAsync(ct => PlayAsync(emitter, writer, pacer, epoch, ct), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _frame.Dispose();
        _preprocessor.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One session: open the file and play it (every pass when looping) until it ends or fails.</summary>
    private async Task<SessionOutcome> PlayAsync(FrameEmitter emitter, IStepWriter writer, FramePacer pacer, DateTimeOffset epoch, CancellationToken cancellationToken)
    {
        long frames = 0;
        for (var pass = 1; !cancellationToken.IsCancellationRequested; pass++)
        {
            if (VideoFileProbe.Check(_path) is { } problem)
            {
                return SessionOutcome.Failed(frames, problem);
            }

            using var capture = VideoFileProbe.Open(_path, out var openProblem);
            if (capture is null)
            {
                return SessionOutcome.Failed(frames, openProblem!);
            }

            if (FrameSize.Problem(_path, capture.FrameWidth, capture.FrameHeight) is { } tooSmall)
            {
                return SessionOutcome.Failed(frames, tooSmall);
            }

            var fps = capture.Fps;
            var expected = (long)capture.FrameCount;
            if (pass == 1)
            {
                FileLog.FileOpened(_logger, StreamId, _path, capture.FrameWidth, capture.FrameHeight, fps, expected, capture.GetBackendName());
            }
            else
            {
                FileLog.Looping(_logger, StreamId, _path, pass);
            }

            if (pass == 1)
            {
                emitter.BeginSession(); // Online once per session, not at every loop pass
            }

            _timeline.BeginPass(fps);
            long passFrames = 0, attempts = 0;
            var failuresInARow = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                attempts++;
                if (!VideoFileProbe.TryRead(capture, _frame, _path, attempts - 1, out var readProblem))
                {
                    if (readProblem is not null)
                    {
                        return SessionOutcome.Failed(frames, readProblem);
                    }

                    // OpenCV returns false both at the end and for a frame it cannot decode (corrupt bytes mid-file).
                    // While the container says frames remain, count the frame as rejected and read on.
                    if (attempts < expected && ++failuresInARow <= MaxFailuresInARow)
                    {
                        writer.Reject($"{_path}: frame {attempts - 1} could not be decoded");
                        continue;
                    }

                    break;
                }

                failuresInARow = 0;

                var streamTime = _timeline.Next(capture.Get(VideoCaptureProperties.PosMsec));
                await pacer.WaitAsync(streamTime, cancellationToken);
                emitter.Emit(_frame, _sequence++, epoch + streamTime, _time.GetUtcNow());
                passFrames++;
                frames++;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (passFrames == 0)
            {
                return SessionOutcome.Failed(frames, $"no frame could be decoded from {_path} (corrupt, truncated or unsupported codec)");
            }

            if (VideoFileProbe.LooksTruncated(passFrames, expected))
            {
                FileLog.FileShort(_logger, StreamId, _path, passFrames, expected);
                writer.ReportHealth(StreamHealth.Degraded, $"{_path}: decoded {passFrames} of {expected} frames (truncated or corrupt)");
            }

            if (!_settings.Loop)
            {
                return SessionOutcome.Ended(frames, $"end of file {_path}");
            }
        }

        return SessionOutcome.Ended(frames, "stopped");
    }
}
