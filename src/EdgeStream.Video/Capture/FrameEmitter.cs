using EdgeStream.Core.Sources;
using EdgeStream.Video.Preprocessing;
using OpenCvSharp;

namespace EdgeStream.Video.Capture;

/// <summary>
/// The step every video source ends with: rent a buffer, preprocess the frame into it, write it on
/// (or give it back and reject the frame). Reports the stream Online at the first good frame of a session.
/// </summary>
internal sealed class FrameEmitter
{
    private readonly IStepWriter _writer;
    private readonly FramePreprocessor _preprocessor;
    private bool _online;

    public FrameEmitter(IStepWriter writer, FramePreprocessor preprocessor, string target)
    {
        if (writer.StepLength != preprocessor.Length)
        {
            throw new InvalidOperationException(
                $"{target}: the pipeline expects steps of {writer.StepLength} floats but the preprocessor makes {preprocessor.Length} (3x{preprocessor.Spec.Height}x{preprocessor.Spec.Width}).");
        }

        _writer = writer;
        _preprocessor = preprocessor;
    }

    /// <summary>Steps written since creation.</summary>
    public long Written { get; private set; }

    /// <summary>A new session (reconnect, loop pass) reports Online again at its first frame.</summary>
    public void BeginSession() => _online = false;

    public bool Emit(Mat frame, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt)
    {
        var buffer = _writer.Rent();
        if (!_preprocessor.TryProcess(frame, buffer, out var problem))
        {
            _writer.GiveBack(buffer);
            _writer.Reject($"frame {sequence}: {problem}");
            return false;
        }

        // Online before the session's first step is handed on, so the stream's status never trails its data.
        if (!_online)
        {
            _online = true;
            _writer.ReportHealth(StreamHealth.Online);
        }

        _writer.Write(sequence, timestamp, capturedAt, buffer);
        Written++;

        return true;
    }
}
