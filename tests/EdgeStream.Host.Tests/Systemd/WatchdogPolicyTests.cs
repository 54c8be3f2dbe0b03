using EdgeStream.Host.Systemd;

namespace EdgeStream.Host.Tests.Systemd;

public sealed class WatchdogPolicyTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private static readonly ProgressSample Start = new(
        SourceSteps: 1000, Windows: 200, WindowsDropped: 0, Judged: 200, Errors: 0, Events: 3, Streams: 2, Online: 2, SinceStageProgress: TimeSpan.FromSeconds(1));

    [Fact]
    public void Judge_StepsArriveAndStagesWork_Healthy()
    {
        var now = Start with { SourceSteps = 1300, Windows = 260, Judged = 258 };

        var verdict = WatchdogPolicy.Judge(Start, now, Interval);

        Assert.True(verdict.Healthy, verdict.Reason);
    }

    [Fact]
    public void Judge_OnlineStreamsDeliverNothing_Stalled()
    {
        var verdict = WatchdogPolicy.Judge(Start, Start, Interval);

        Assert.False(verdict.Healthy);
        Assert.Contains("no step in 15 s from 2 stream(s)", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OneStreamDeliversOtherSilent_Healthy()
    {
        // At least one stream: a silent camera is its source's stall detection's job, not a reason to restart all.
        var now = Start with { SourceSteps = 1001, Online = 2 };

        Assert.True(WatchdogPolicy.Judge(Start, now, Interval).Healthy);
    }

    [Fact]
    public void Judge_EveryStreamOfflineWithReason_HealthyIdle()
    {
        var now = Start with { Online = 0, SinceStageProgress = TimeSpan.FromMinutes(10) };

        var verdict = WatchdogPolicy.Judge(Start with { Online = 0 }, now, Interval);

        Assert.True(verdict.Healthy, verdict.Reason);
        Assert.StartsWith("idle", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_StepsArriveButNoStageWorks_Stalled()
    {
        var now = Start with { SourceSteps = 1300, SinceStageProgress = TimeSpan.FromSeconds(40) };

        var verdict = WatchdogPolicy.Judge(Start, now, Interval);

        Assert.False(verdict.Healthy);
        Assert.Contains("no stage did work", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_WindowsWaitAndNoneInferred_StalledEvenWhileStepsArrive()
    {
        // A hung engine: the step stage goes on (and drops windows for freshness), inference does not.
        var before = Start with { Windows = 210 };
        var now = before with { SourceSteps = 1300, Windows = 270, WindowsDropped = 50 };

        var verdict = WatchdogPolicy.Judge(before, now, Interval);

        Assert.False(verdict.Healthy);
        Assert.Contains("wait for inference", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AllOfflineButQueuedWindowsStuck_Stalled()
    {
        var before = Start with { Windows = 210, Online = 0 };

        Assert.False(WatchdogPolicy.Judge(before, before, Interval).Healthy);
    }

    [Fact]
    public void Judge_WindowsWaitAndSomeInferred_Healthy()
    {
        var before = Start with { Windows = 260 };
        var now = before with { SourceSteps = 1300, Windows = 320, Judged = 230, Errors = 2 };

        Assert.True(WatchdogPolicy.Judge(before, now, Interval).Healthy);
    }

    [Fact]
    public void PendingWindows_FailedAndDroppedWindows_AreNotPending()
    {
        var sample = Start with { Windows = 300, WindowsDropped = 40, Judged = 250, Errors = 4 };

        Assert.Equal(6, sample.PendingWindows);
        Assert.Equal(254, sample.Inferred);
    }
}
