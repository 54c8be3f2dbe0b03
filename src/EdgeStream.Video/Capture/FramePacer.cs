namespace EdgeStream.Video.Capture;

/// <summary>
/// Real-time pacing by frame timestamps: frame at stream time t is released at start + t on the injected
/// clock. When the reader falls more than <see cref="MaxLag"/> behind (slow decode, a paused process) the
/// schedule is re-anchored instead of bursting frames to catch up: freshness over completeness.
/// </summary>
internal sealed class FramePacer(TimeProvider time, bool realtime)
{
    internal static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);

    private long _anchorWall;
    private TimeSpan _anchorStream;
    private bool _anchored;

    public async ValueTask WaitAsync(TimeSpan streamTime, CancellationToken cancellationToken)
    {
        if (!realtime)
        {
            return;
        }

        if (!_anchored)
        {
            Anchor(streamTime);
            return;
        }

        var wait = streamTime - _anchorStream - time.GetElapsedTime(_anchorWall);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        else if (-wait > MaxLag)
        {
            Anchor(streamTime);
        }
    }

    private void Anchor(TimeSpan streamTime)
    {
        _anchorWall = time.GetTimestamp();
        _anchorStream = streamTime;
        _anchored = true;
    }
}
