using EdgeStream.Core.Windows;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Windows;

public sealed class WindowRingTests
{
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(2);

    [Fact]
    public void Push_FirstFullRingThenEveryStride_WindowDue()
    {
        var ring = new WindowRing(new WindowShape(4, 2, 1, targetNext: false, MaxGap));
        var due = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            ring.Push(i, T0.AddSeconds(i * 0.1), T0, [i]);
            if (ring.IsWindowDue)
            {
                due.Add(i);
            }
        }

        // Python's windows: range(0, n - T + 1, stride) -> windows ending at 3, 5, 7, 9, 11.
        Assert.Equal([3, 5, 7, 9, 11], due);
    }

    [Fact]
    public void CopyWindow_WrappedRing_OldestFirstWithMeta()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 2, targetNext: false, MaxGap));
        for (var i = 0; i < 5; i++)
        {
            ring.Push(100 + i, T0.AddSeconds(i), T0.AddSeconds(i + 0.5), [i, -i]);
        }

        var data = new float[6];
        var stamps = new StepStamp[3];
        var meta = ring.CopyWindow(data, stamps, stepsDropped: 7);

        Assert.Equal([2, -2, 3, -3, 4, -4], data);
        Assert.Equal([102L, 103L, 104L], stamps.Select(s => s.Sequence));
        Assert.Equal(new WindowMeta(102, 104, T0.AddSeconds(2), T0.AddSeconds(4), T0.AddSeconds(4.5), 3, 7), meta);
    }

    [Fact]
    public void Push_GapLongerThanMax_ResetsAndNeedsAFullRingAgain()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 1, targetNext: false, MaxGap));
        ring.Push(0, T0, T0, [0]);
        ring.Push(1, T0.AddSeconds(1), T0, [1]);

        var result = ring.Push(2, T0.AddSeconds(3.5), T0, [2]);

        Assert.Equal(PushResult.ResetGap, result);
        Assert.Equal(1, ring.Count);
        Assert.Equal(1, ring.Resets);
        Assert.False(ring.Push(3, T0.AddSeconds(3.6), T0, [3]) != PushResult.Stored || ring.IsWindowDue);
        ring.Push(4, T0.AddSeconds(3.7), T0, [4]);
        Assert.True(ring.IsWindowDue);
    }

    [Fact]
    public void Push_GapExactlyMax_Kept()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 1, targetNext: false, MaxGap));
        ring.Push(0, T0, T0, [0]);

        Assert.Equal(PushResult.Stored, ring.Push(1, T0 + MaxGap, T0, [1]));
        Assert.Equal(2, ring.Count);
    }

    [Fact]
    public void Push_OutOfOrderTime_ResetsRing()
    {
        var ring = new WindowRing(new WindowShape(2, 1, 1, targetNext: false, MaxGap));
        ring.Push(0, T0.AddSeconds(1), T0, [0]);
        ring.Push(1, T0.AddSeconds(2), T0, [1]);

        var result = ring.Push(2, T0.AddSeconds(1.5), T0, [2]);

        Assert.Equal(PushResult.ResetOutOfOrder, result);
        Assert.Equal(1, ring.Count);
        Assert.False(ring.IsWindowDue);
    }

    [Fact]
    public void CopyWindow_TargetNext_InputIsPreviousStepsAndTargetIsNewest()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 1, targetNext: true, MaxGap));
        for (var i = 0; i < 3; i++)
        {
            ring.Push(i, T0.AddSeconds(i), T0, [i * 10]);
            Assert.False(ring.IsWindowDue);
        }

        ring.Push(3, T0.AddSeconds(3), T0.AddSeconds(3.25), [30]);
        Assert.True(ring.IsWindowDue);
        var data = new float[4];
        var stamps = new StepStamp[4];
        var meta = ring.CopyWindow(data, stamps, 0);

        // The forecaster sees steps 0..2 and predicts step 3, which rides along as the target.
        Assert.Equal([0, 10, 20, 30], data);
        Assert.Equal(0, meta.FirstSequence);
        Assert.Equal(2, meta.LastSequence);
        Assert.Equal(3, meta.StepsUsed);
        Assert.Equal(3, stamps[3].Sequence);
        Assert.Equal(T0.AddSeconds(3.25), meta.LastCapturedAt);
    }

    [Fact]
    public void Prime_FillsWithoutWindow_NextPushMakesFirstWindow()
    {
        var ring = new WindowRing(new WindowShape(2, 5, 1, targetNext: true, MaxGap));
        ring.Prime(0, T0, T0, [1]);
        ring.Prime(1, T0.AddSeconds(1), T0, [2]);
        ring.Prime(2, T0.AddSeconds(2), T0, [3]);
        Assert.False(ring.IsWindowDue);

        ring.Push(3, T0.AddSeconds(3), T0, [4]);

        Assert.True(ring.IsWindowDue);
        var data = new float[3];
        ring.CopyWindow(data, new StepStamp[3], 0);
        Assert.Equal([2, 3, 4], data);
    }

    [Fact]
    public void CopyWindow_NotFull_Throws()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 1, targetNext: false, MaxGap));
        ring.Push(0, T0, T0, [0]);

        Assert.Throws<InvalidOperationException>(() => ring.CopyWindow(new float[3], new StepStamp[3], 0));
    }

    [Fact]
    public void Push_WrongStepLength_Throws()
    {
        var ring = new WindowRing(new WindowShape(3, 1, 2, targetNext: false, MaxGap));

        Assert.Throws<ArgumentException>(() => ring.Push(0, T0, T0, [1, 2, 3]));
    }
}
