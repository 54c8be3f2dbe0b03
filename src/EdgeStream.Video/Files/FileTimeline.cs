namespace EdgeStream.Video.Files;

/// <summary>
/// Stream time of a file's frames: the container timestamp (CAP_PROP_POS_MSEC) plus an offset that grows
/// with every loop pass, so time stays strictly increasing across loops. A missing, repeated or backwards
/// timestamp (some AVI files have none) is replaced by the previous one plus one frame interval.
/// </summary>
internal sealed class FileTimeline
{
    private TimeSpan _passOffset;
    private TimeSpan _last = TimeSpan.MinValue;
    private TimeSpan _interval = TimeSpan.FromSeconds(1.0 / 25);

    public void BeginPass(double fps)
    {
        _interval = fps is > 0 and < 1000 ? TimeSpan.FromSeconds(1.0 / fps) : TimeSpan.FromSeconds(1.0 / 25);
        _passOffset = _last == TimeSpan.MinValue ? TimeSpan.Zero : _last + _interval;
    }

    public TimeSpan Next(double positionMs)
    {
        var t = double.IsFinite(positionMs) && positionMs >= 0
            ? _passOffset + TimeSpan.FromMilliseconds(positionMs)
            : TimeSpan.MinValue;
        if (_last != TimeSpan.MinValue && t <= _last)
        {
            t = _last + _interval;
        }
        else if (t == TimeSpan.MinValue)
        {
            t = _passOffset;
        }

        _last = t;
        return t;
    }
}
