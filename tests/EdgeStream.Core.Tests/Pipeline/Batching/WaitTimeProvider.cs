using Microsoft.Extensions.Time.Testing;

namespace EdgeStream.Core.Tests.Pipeline.Batching;

/// <summary>A fake clock that also records the due time of every timer created on it, so a test knows when the inference stage has started waiting for a batch.</summary>
internal sealed class WaitTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];

    public WaitTimeProvider()
        : base(Support.TestManifests.T0)
    {
    }

    public bool HasTimer(TimeSpan dueTime)
    {
        lock (_dueTimes)
        {
            return _dueTimes.Contains(dueTime);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // The timer exists before HasTimer says so: a test that sees it and advances the clock at once must not get
        // ahead of a timer still being created (it then started from the advanced time and never fired in time).
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        return timer;
    }
}
