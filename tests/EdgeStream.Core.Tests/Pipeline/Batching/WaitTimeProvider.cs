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
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
