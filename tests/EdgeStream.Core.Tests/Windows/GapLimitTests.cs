using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Tests.Windows;

/// <summary>
/// The gap limit follows the stream: a fixed 2 s reset NAB's 5-minute series at every step (nothing was judged),
/// a learned one takes 5x the median of the first 8 steps, at least 2 s.
/// </summary>
public sealed class GapLimitTests
{
    private static readonly DateTimeOffset Start = new(2014, 2, 14, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Learned_FiveMinuteSteps_NeverResetAndLimitIsFiveSteps()
    {
        var ring = new WindowRing(new WindowShape(4, 1, 1, targetNext: true, maxGap: null));

        var results = Enumerable.Range(0, 40).Select(i => ring.Push(i, Start.AddMinutes(5 * i), Start, [i])).ToArray();

        Assert.All(results, r => Assert.Equal(PushResult.Stored, r));
        Assert.Equal(TimeSpan.FromMinutes(25), ring.Gap.Limit);
        Assert.Equal(TimeSpan.FromMinutes(5), ring.Gap.Period);
    }

    [Fact]
    public void Learned_AfterLearning_AGapOfMoreThanFiveStepsResets()
    {
        var ring = new WindowRing(new WindowShape(4, 1, 1, targetNext: false, maxGap: null));
        for (var i = 0; i <= GapLimit.LearningIntervals; i++)
        {
            ring.Push(i, Start.AddSeconds(i), Start, [i]);
        }

        var last = Start.AddSeconds(GapLimit.LearningIntervals);

        Assert.Equal(PushResult.Stored, ring.Push(100, last.AddSeconds(5), Start, [1]));
        Assert.Equal(PushResult.ResetGap, ring.Push(101, last.AddSeconds(5 + 5.5), Start, [1]));
        Assert.Equal(TimeSpan.FromSeconds(5), ring.Gap.Limit);
    }

    [Fact]
    public void Learned_MedianIgnoresAHiccupAmongTheFirstSteps()
    {
        var limit = GapLimit.Learned();
        var intervals = new[] { 10, 10, 600, 10, 10, 10, 10, 10 };

        Assert.All(intervals, s => Assert.False(limit.IsGap(TimeSpan.FromSeconds(s))));

        Assert.Equal(TimeSpan.FromSeconds(10), limit.Period);
        Assert.Equal(TimeSpan.FromSeconds(50), limit.Limit);
        Assert.True(limit.IsGap(TimeSpan.FromSeconds(51)));
    }

    [Fact]
    public void Learned_AFastStreamKeepsTheTwoSecondFloor()
    {
        var limit = GapLimit.Learned();
        for (var i = 0; i < GapLimit.LearningIntervals; i++)
        {
            limit.IsGap(TimeSpan.FromMilliseconds(100)); // a 10 fps camera
        }

        Assert.Equal(GapLimit.Floor, limit.Limit);
        Assert.False(limit.IsGap(TimeSpan.FromSeconds(1.9)));
        Assert.True(limit.IsGap(TimeSpan.FromSeconds(2.1)));
    }

    [Fact]
    public void Learned_RepeatedTimestampsAreNotLearnedFrom()
    {
        var limit = GapLimit.Learned();
        for (var i = 0; i < 20; i++)
        {
            limit.IsGap(TimeSpan.Zero);
        }

        Assert.Null(limit.Limit);
        Assert.Contains("still being learned", limit.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_KeepsTheUsersLimitAndNamesTheKey()
    {
        var limit = GapLimit.Fixed(TimeSpan.FromSeconds(2));

        Assert.True(limit.IsGap(TimeSpan.FromMinutes(5)));
        Assert.False(limit.IsGap(TimeSpan.FromSeconds(2)));
        Assert.Equal("MaxGapSeconds=2", limit.Describe());
    }

    [Fact]
    public void Shape_RefusesANonPositiveLimit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowShape(4, 1, 1, targetNext: false, TimeSpan.Zero));
}
