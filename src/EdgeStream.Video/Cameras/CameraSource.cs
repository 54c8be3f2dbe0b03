using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeStream.Video.Cameras;

/// <summary>
/// A V4L2 camera through OpenCV (<c>/dev/videoN</c> or <c>v4l2:N</c>). Opening fails, the device vanishes or
/// stops delivering (OpenCV's V4L2 read gives up after its select timeout, 10 s by default): the stream goes
/// Offline with the reason and the camera is reopened after an exponential backoff with jitter.
/// Frames are stamped with the clock at capture. Reads block, so each session runs on its own thread.
/// </summary>
public sealed class CameraSource : IStreamSource
{
    private readonly CameraDevice _device;
    private readonly FramePreprocessor _preprocessor;
    private readonly VideoSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Mat _frame = new();
    private long _sequence;

    public CameraSource(string streamId, CameraDevice device, FramePreprocessor preprocessor, VideoSourceOptions options, TimeProvider time, ILogger logger)
    {
        StreamId = streamId;
        _device = device;
        _preprocessor = preprocessor;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public string StreamId { get; }

    public Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var emitter = new FrameEmitter(writer, _preprocessor, _device.ToString());
        var loop = new ReconnectLoop(StreamId, writer, _options.Backoff(), _options.MaxReconnectAttempts, _time, _logger);
        return loop.RunAsync(
            ct => Task.Factory.StartNew(() => Capture(emitter, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default),
            cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _frame.Dispose();
        _preprocessor.Dispose();
        return ValueTask.CompletedTask;
    }

    private SessionOutcome Capture(FrameEmitter emitter, CancellationToken cancellationToken)
    {
        using var capture = new VideoCapture();
        long frames = 0;
        try
        {
            var opened = _device.Index is { } index
                ? capture.Open(index, VideoCaptureAPIs.V4L2)
                : capture.Open(_device.Path, VideoCaptureAPIs.V4L2);
            if (!opened || !capture.IsOpened())
            {
                return SessionOutcome.Failed(0, $"cannot open camera {_device}: no such device, busy, or not a V4L2 capture device");
            }

            // Keep one buffer: a lagging consumer then gets the newest frame, not a queue of stale ones.
            capture.Set(VideoCaptureProperties.BufferSize, 1);
            CameraLog.CameraOpened(_logger, StreamId, _device.ToString(), capture.FrameWidth, capture.FrameHeight, capture.GetBackendName());
            if (FrameSize.Problem($"camera {_device}", capture.FrameWidth, capture.FrameHeight) is { } tooSmall)
            {
                return SessionOutcome.Failed(0, tooSmall);
            }

            emitter.BeginSession();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!capture.Read(_frame) || _frame.Empty())
                {
                    return SessionOutcome.Failed(frames, $"camera {_device} stopped delivering frames after {frames} frames (unplugged, stalled or driver error)");
                }

                var now = _time.GetUtcNow();
                emitter.Emit(_frame, _sequence++, now, now);
                frames++;
            }

            return SessionOutcome.Ended(frames, "stopped");
        }
        catch (OpenCVException ex)
        {
            return SessionOutcome.Failed(frames, $"camera {_device}: {ex.Message}");
        }
    }
}
