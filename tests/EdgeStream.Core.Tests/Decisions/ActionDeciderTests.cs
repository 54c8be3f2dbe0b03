using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Tests.Support;
using EdgeStream.Core.Windows;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Decisions;

public sealed class ActionDeciderTests
{
    private static readonly string[] Labels = ["idle", "walk", "fall"];
    private readonly ManualTimeProvider _time = new(T0.AddHours(1));

    private ActionDecider Decider(int enter = 2, int exit = 2) =>
        new(new EventContext("dev", "cam1", "cam1.mp4", new EngineInfo("m", "1.0", "sha", "int8", "cpu", "split"), _time), Labels, new ActionDecisionOptions { Threshold = 0.6, EnterWindows = enter, ExitWindows = exit, TopK = 2 });

    /// <summary>Judges a window ending at second <paramref name="second"/> whose class probabilities are <paramref name="p"/>; attention peaks at step <paramref name="key"/>.</summary>
    private List<DetectionEvent> Judge(ActionDecider decider, int second, float[] p, int key = 0)
    {
        var logits = p.Select(v => MathF.Log(v)).ToArray();
        var stamps = Enumerable.Range(0, 4).Select(i => new StepStamp((second * 10) + i, T0.AddSeconds(second - 0.3 + (i * 0.1)))).ToArray();
        var attention = new float[4];
        attention[key] = 1;
        var meta = new WindowMeta(stamps[0].Sequence, stamps[3].Sequence, stamps[0].Timestamp, stamps[3].Timestamp, stamps[3].Timestamp, 4, 1);
        var events = new List<DetectionEvent>();
        decider.Decide(new DecisionInput(meta, stamps, logits, attention, default, 3.5, 12), events);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return events;
    }

    [Fact]
    public void Decide_EnterThenExit_StartAndEndEventsWithRunTimes()
    {
        var d = Decider();
        float[] walk = [0.1f, 0.8f, 0.1f];
        float[] unsure = [0.4f, 0.3f, 0.3f];

        Assert.Empty(Judge(d, 1, walk));
        var start = Assert.Single(Judge(d, 2, walk, key: 2));
        Assert.Empty(Judge(d, 3, [0.1f, 0.85f, 0.05f]));
        Assert.Empty(Judge(d, 4, unsure));
        var end = Assert.Single(Judge(d, 5, unsure));

        Assert.Equal((EventPhase.Start, "walk", EventType.Action), (start.Phase, start.Label, start.Type));
        Assert.Equal(0.8, start.Score, 5);
        Assert.Equal(T0.AddSeconds(1), start.StartedAt); // the first window of the run
        Assert.Equal(T0.AddSeconds(2), start.Timestamp);
        Assert.Equal(22, start.Attention!.KeyFrame);
        Assert.Equal(T0.AddSeconds(1.9), start.Attention.KeyFrameTimestamp);
        Assert.Equal(["walk", "idle"], start.TopK.Select(s => s.Label));
        Assert.Equal(0.8, start.TopK[0].Score, 5);
        Assert.Equal(0.1, start.TopK[1].Score, 5);
        Assert.Equal(new WindowInfo(20, 23, T0.AddSeconds(1.7), T0.AddSeconds(2), 4, 1), start.Window);
        Assert.Equal(new LatencyInfo(12, 3.5), start.Latency);
        Assert.Equal(new ModelInfo("m", "1.0", "sha", "int8", "cpu"), start.Model);

        Assert.Equal((EventPhase.End, "walk"), (end.Phase, end.Label));
        Assert.Equal(0.85, end.Score, 5); // the peak
        Assert.Equal(T0.AddSeconds(1), end.StartedAt);
        Assert.Equal(T0.AddSeconds(3), end.EndedAt); // the last window at or above the threshold
        Assert.Equal([1L, 2L], new[] { start.Sequence, end.Sequence });
        Assert.Equal(8, start.Id.Version);
        Assert.NotEqual(start.Id, end.Id);
        Assert.Null(d.ActiveLabel);
    }

    [Fact]
    public void Decide_SameWindowsAfterARestart_SameIds()
    {
        // A restarted replay: a new decider (new process) fed the same windows, later on the wall clock.
        float[] walk = [0.1f, 0.8f, 0.1f];
        float[] unsure = [0.4f, 0.3f, 0.3f];
        List<Guid> Run()
        {
            var d = Decider();
            var events = new[] { walk, walk, walk, unsure, unsure }.SelectMany((p, i) => Judge(d, i + 1, p)).ToList();
            d.Finish(events);
            _time.Advance(TimeSpan.FromHours(1));
            return [.. events.Select(e => e.Id)];
        }

        var first = Run();
        Assert.Equal(2, first.Count);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void Decide_ScoreMovesOrIntervalPasses_UpdateEvents()
    {
        var d = Decider(enter: 1, exit: 3);
        var start = Assert.Single(Judge(d, 1, [0.1f, 0.7f, 0.2f]));
        Assert.Equal(EventPhase.Start, start.Phase);
        Assert.Empty(Judge(d, 2, [0.1f, 0.75f, 0.15f])); // moved 0.05 < 0.1

        var moved = Assert.Single(Judge(d, 3, [0.05f, 0.9f, 0.05f]));
        Assert.Equal(EventPhase.Update, moved.Phase);
        Assert.Equal(0.9, moved.Score, 5);

        Assert.Empty(Judge(d, 4, [0.05f, 0.9f, 0.05f]));
        var periodic = Assert.Single(Judge(d, 8, [0.05f, 0.9f, 0.05f])); // 5 s of stream time since the last event
        Assert.Equal(EventPhase.Update, periodic.Phase);
        Assert.Equal([1L, 2L, 3L], new[] { start.Sequence, moved.Sequence, periodic.Sequence });
    }

    [Fact]
    public void Decide_SwitchToOtherLabel_EndThenStartOnSameWindow()
    {
        var d = Decider(enter: 1, exit: 5);
        Judge(d, 1, [0.1f, 0.8f, 0.1f]);

        var events = Judge(d, 2, [0.1f, 0.1f, 0.8f]);

        Assert.Equal([(EventPhase.End, "walk"), (EventPhase.Start, "fall")], events.Select(e => (e.Phase, e.Label)));
        Assert.Equal(T0.AddSeconds(2), events[1].StartedAt);
    }

    [Fact]
    public void Finish_ActiveLabel_EndEvent()
    {
        var d = Decider(enter: 1, exit: 5);
        Judge(d, 1, [0.1f, 0.8f, 0.1f]);
        var events = new List<DetectionEvent>();

        d.Finish(events);
        d.Finish(events);

        var end = Assert.Single(events);
        Assert.Equal((EventPhase.End, "walk", T0.AddSeconds(1)), (end.Phase, end.Label, end.EndedAt));
        Assert.Null(d.ActiveLabel);
    }

    [Fact]
    public void CurrentState_AfterWindows_TopLabelAndActive()
    {
        var d = Decider(enter: 1, exit: 5);
        Assert.Null(d.CurrentState());
        Judge(d, 1, [0.1f, 0.8f, 0.1f]);
        Judge(d, 2, [0.5f, 0.3f, 0.2f]);

        var state = d.CurrentState()!;

        Assert.Equal(("walk", "idle"), (state.ActiveLabel, state.TopLabel));
        Assert.Equal(0.5, state.TopScore, 5);
        Assert.Equal(T0.AddSeconds(2), state.Timestamp);
    }
}
