using EdgeStream.Core.Decisions;

namespace EdgeStream.Core.Tests.Decisions;

public sealed class ActionStateMachineTests
{
    private static readonly float[] Walk = [0.1f, 0.8f, 0.1f];
    private static readonly float[] Fall = [0.1f, 0.1f, 0.8f];
    private static readonly float[] Idle = [0.8f, 0.1f, 0.1f];
    private static readonly float[] Unsure = [0.3f, 0.4f, 0.3f];

    private static ActionStateMachine Machine(int enter, int exit, params string[] ignored)
    {
        string[] labels = ["idle", "walk", "fall"];
        return new ActionStateMachine(3, new ActionDecisionOptions { Threshold = 0.6, EnterWindows = enter, ExitWindows = exit }, i => ignored.Contains(labels[i]));
    }

    [Fact]
    public void Observe_EnterConsecutiveWindows_StartsOnTheLast()
    {
        var m = Machine(enter: 3, exit: 2);

        Assert.Equal(new ActionTransition(-1, -1), m.Observe(Walk));
        Assert.Equal(new ActionTransition(-1, -1), m.Observe(Walk));
        Assert.Equal(new ActionTransition(-1, 1), m.Observe(Walk));
        Assert.Equal(1, m.Active);
    }

    [Fact]
    public void Observe_RunInterrupted_CountsAgain()
    {
        var m = Machine(enter: 2, exit: 2);

        m.Observe(Walk);
        m.Observe(Unsure);
        Assert.Equal(-1, m.Observe(Walk).Started);
        Assert.Equal(1, m.Observe(Walk).Started);
    }

    [Fact]
    public void Observe_ExitWindowsBelow_EndsOnTheLast()
    {
        var m = Machine(enter: 1, exit: 3);
        m.Observe(Walk);

        Assert.Equal(-1, m.Observe(Unsure).Ended);
        Assert.Equal(-1, m.Observe(Unsure).Ended);
        Assert.Equal(-1, m.Observe(Walk).Ended); // back above: the below count restarts
        Assert.Equal(-1, m.Observe(Unsure).Ended);
        Assert.Equal(-1, m.Observe(Unsure).Ended);
        Assert.Equal(new ActionTransition(1, -1), m.Observe(Unsure));
        Assert.Equal(-1, m.Active);
    }

    [Fact]
    public void Observe_OtherLabelQualifies_SwitchesOnTheSameWindow()
    {
        var m = Machine(enter: 2, exit: 5);
        m.Observe(Walk);
        m.Observe(Walk);

        Assert.Equal(new ActionTransition(-1, -1), m.Observe(Fall));
        Assert.Equal(new ActionTransition(1, 2), m.Observe(Fall));
        Assert.Equal(2, m.Active);
    }

    [Fact]
    public void Observe_IgnoredLabel_NeverStartsButEndsTheActiveOne()
    {
        var m = Machine(1, 2, "idle");
        m.Observe(Walk);

        Assert.Equal(new ActionTransition(-1, -1), m.Observe(Idle));
        Assert.Equal(new ActionTransition(1, -1), m.Observe(Idle));
        Assert.Equal(new ActionTransition(-1, -1), m.Observe(Idle));
    }

    [Fact]
    public void Observe_TopBelowThreshold_DoesNotCount()
    {
        var m = Machine(enter: 1, exit: 1);

        Assert.Equal(-1, m.Observe([0.2f, 0.55f, 0.25f]).Started);
        Assert.Equal(1, m.Observe([0.2f, 0.6f, 0.2f]).Started);
    }

    [Fact]
    public void Reset_Active_ReturnsEndedLabel()
    {
        var m = Machine(enter: 1, exit: 1);
        m.Observe(Fall);

        Assert.Equal(2, m.Reset());
        Assert.Equal(-1, m.Reset());
    }
}
