using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Tests.Support;
using EdgeStream.Core.Windows;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Decisions;

public sealed class AnomalyDeciderTests
{
    // The reference sequence of AnomalyScorerTests: events (start 107, end 111) and (start 117, open at 120..).
    private static readonly double[] Errors = [0.10, 0.30, 0.05, 0.25, 0.15, 0.20, 0.12, 0.90, 1.20, 1.10, 0.20, 0.05, 0.10, 0.15, 0.12, 0.10, 0.30, 0.95, 1.4, 0.1];

    private static AnomalyDecider Decider() => new(
        new EventContext("dev", "plant", "csv:plant.csv", new EngineInfo("f", "1", "sha", "fp32", "cpu", "fused"), new ManualTimeProvider(T0)),
        "anomaly",
        ["pressure", "flow"],
        new AnomalyScoreParams { ErrorEwmaAlpha = 0.5, BaselineSamples = 5, Threshold = 3.0, EnterWindows = 2, ExitWindows = 3 });

    /// <summary>Scores sample index 100 + i: target = (sqrt(e), 0), forecast 0, so the error is e (channel 0 carries it all).</summary>
    private static List<DetectionEvent> Feed(AnomalyDecider decider, int i)
    {
        var index = 100 + i;
        StepStamp[] stamps = [new(index - 2, T0.AddSeconds(index - 2)), new(index - 1, T0.AddSeconds(index - 1)), new(index, T0.AddSeconds(index))];
        var meta = new WindowMeta(index - 2, index - 1, stamps[0].Timestamp, stamps[1].Timestamp, stamps[2].Timestamp, 2, 0);
        float[] target = [(float)Math.Sqrt(Errors[i] * 2), 0];
        var events = new List<DetectionEvent>();
        decider.Decide(new DecisionInput(meta, stamps, [0f, 0f], [0.25f, 0.75f], target, 1, 2), events);
        return events;
    }

    [Fact]
    public void Decide_ReferenceErrors_StartAndEndAtReferenceSamples()
    {
        var d = Decider();
        var events = new List<DetectionEvent>();
        for (var i = 0; i < Errors.Length; i++)
        {
            events.AddRange(Feed(d, i));
        }

        Assert.Equal([EventPhase.Start, EventPhase.End, EventPhase.Start], events.Select(e => e.Phase));
        var (start, end, second) = (events[0], events[1], events[2]);
        Assert.Equal((EventType.Anomaly, "anomaly"), (start.Type, start.Label));
        Assert.Equal(T0.AddSeconds(107), start.StartedAt); // startIndex
        Assert.Equal(T0.AddSeconds(108), start.Timestamp); // confirmedIndex
        Assert.Equal(20.920631949651238, start.Score, 4);
        Assert.Equal(T0.AddSeconds(111), end.EndedAt); // endIndex
        Assert.Equal(T0.AddSeconds(114), end.Timestamp); // closedIndex
        Assert.Equal(24.444583782556503, end.Score, 4); // peak z
        Assert.Equal(T0.AddSeconds(117), second.StartedAt);
        Assert.Equal("pressure", start.TopK[0].Label);
        Assert.Equal(107, start.Attention!.KeyFrame); // attention peaks on the window's last input step
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
    }

    [Fact]
    public void Finish_OpenEvent_EndsAtLastSampleAboveThreshold()
    {
        var d = Decider();
        for (var i = 0; i < Errors.Length; i++)
        {
            Feed(d, i);
        }

        var events = new List<DetectionEvent>();
        d.Finish(events);

        var end = Assert.Single(events);
        Assert.Equal((EventPhase.End, T0.AddSeconds(117)), (end.Phase, end.StartedAt));
        Assert.Equal(T0.AddSeconds(119), end.EndedAt); // z(119) = 11.1 > 3; z(118) = 23.97 is the peak
        Assert.Equal(23.972617472549963, end.Score, 4);
        Assert.Null(d.CurrentState()!.ActiveLabel);
    }
}
