using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeStream.Video.Pipes;

/// <summary>
/// Frames from a child process writing raw bgr24 frames to stdout: ffmpeg for network streams (the bundled
/// OpenCV's FFmpeg has no network support) or any command (a GStreamer pipeline on Jetson). Exact
/// frame-size chunks are read into one pinned buffer that an OpenCV header wraps, so reading allocates
/// nothing per frame. No frame for <see cref="VideoSourceOptions.StallTimeoutSeconds"/>, or the process
/// ending (ffmpeg exits 0 when an RTSP server dies, so frames are counted, not exit codes), is a fault:
/// the stream goes Offline with the reason and the last stderr lines, and the process is restarted after
/// a backoff with jitter. Frames are stamped with the clock when they arrive.
/// </summary>
public sealed class PipeSource : IStreamSource
{
    private readonly PipeCommand _command;
    private readonly FramePreprocessor _preprocessor;
    private readonly VideoSourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly byte[] _buffer;
    private readonly Mat _frame;
    private long _sequence;

    public PipeSource(string streamId, PipeCommand command, FramePreprocessor preprocessor, VideoSourceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(command.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(command.Height);
        StreamId = streamId;
        _command = command;
        _preprocessor = preprocessor;
        _options = options;
        _time = time;
        _logger = logger;
        _buffer = GC.AllocateArray<byte>(command.FrameBytes, pinned: true);
        _frame = Mat.FromPixelData(command.Height, command.Width, MatType.CV_8UC3, Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0));
    }

    public string StreamId { get; }

    public Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var emitter = new FrameEmitter(writer, _preprocessor, _command.Display);
        var loop = new ReconnectLoop(StreamId, writer, _options.Backoff(), _options.MaxReconnectAttempts, _time, _logger);
        return loop.RunAsync(ct => SessionAsync(emitter, ct), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _frame.Dispose();
        _preprocessor.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<SessionOutcome> SessionAsync(FrameEmitter emitter, CancellationToken cancellationToken)
    {
        var stderr = new StderrTail(_options.StderrTailLines);
        using var process = ChildProcess.Create(_command, line =>
        {
            var safe = _command.Redact(line);
            stderr.Add(safe);
            PipeLog.PipeStderr(_logger, StreamId, safe);
        });
        if (ChildProcess.TryStart(process, _command) is { } startProblem)
        {
            return SessionOutcome.Failed(0, startProblem);
        }

        PipeLog.PipeStarted(_logger, StreamId, _command.Display);
        emitter.BeginSession();
        var stallAfter = TimeSpan.FromSeconds(_options.StallTimeoutSeconds);
        var firstFrameAfter = TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds);
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), stall);

        // If the pipe read ignores cancellation, killing the child ends it with end-of-stream.
        using var killOnStall = stall.Token.UnsafeRegister(static p => ChildProcess.Kill((Process)p!), process);
        long frames = 0;
        try
        {
            var stdout = process.StandardOutput.BaseStream;
            while (true)
            {
                stall.CancelAfter(frames == 0 ? firstFrameAfter : stallAfter);
                await stdout.ReadExactlyAsync(_buffer, stall.Token);
                var now = _time.GetUtcNow();
                emitter.Emit(_frame, _sequence++, now, now);
                frames++;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or EndOfStreamException or IOException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return SessionOutcome.Ended(frames, "stopped");
            }

            if (stall.IsCancellationRequested)
            {
                return frames == 0
                    ? SessionOutcome.Failed(0, $"{_command.Display}: no first frame within {firstFrameAfter.TotalSeconds:0.#} s{stderr.Format()}")
                    : SessionOutcome.Failed(frames, $"{_command.Display}: stalled, no frame for {stallAfter.TotalSeconds:0.#} s after {frames} frames{stderr.Format()}");
            }

            var exit = await ChildProcess.ExitCodeAsync(process);
            var what = ex is EndOfStreamException ? "ended" : $"failed ({ex.Message})";
            return SessionOutcome.Failed(frames, $"{_command.Display} {what} after {frames} frames (exit code {exit}){stderr.Format()}");
        }
        finally
        {
            await ChildProcess.StopAsync(process);
        }
    }
}
