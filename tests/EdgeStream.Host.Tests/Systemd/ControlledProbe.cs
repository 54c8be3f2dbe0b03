using EdgeStream.Host.Systemd;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// A progress source for testing the notifier's loop on its own: while <see cref="Flowing"/> every read shows more
/// steps and more judged windows; otherwise the totals freeze with one stream still claiming to be online.
/// </summary>
internal sealed class ControlledProbe : IPipelineProbe
{
    private long _steps;

    public volatile bool Flowing = true;

    public ProgressSample? Read()
    {
        var steps = Flowing ? Interlocked.Add(ref _steps, 10) : Interlocked.Read(ref _steps);
        return new ProgressSample(steps, steps / 10, 0, steps / 10, 0, 0, Streams: 1, Online: 1, SinceStageProgress: TimeSpan.Zero);
    }

    public string Describe() => "ready: controlled";
}
