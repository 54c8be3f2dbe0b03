using EdgeStream.Video.Capture;

namespace EdgeStream.Video.Tests.Capture;

public class ReconnectBackoffTests
{
    [Fact]
    public void Next_NoJitter_DoublesUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5), jitter: 0);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([0.5, 1, 2, 4, 5, 5], delays);
        Assert.Equal(6, backoff.Attempt);
    }

    [Fact]
    public void Next_WithJitter_StaysWithinTheBandAndVaries()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100), jitter: 0.2, new Random(1));
        var firsts = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            backoff.Reset();
            firsts.Add(backoff.Next().TotalSeconds);
            var second = backoff.Next().TotalSeconds;
            Assert.InRange(second, 1.6, 2.4);
        }

        Assert.All(firsts, d => Assert.InRange(d, 0.8, 1.2));
        Assert.True(firsts.Distinct().Count() > 10, "jitter must spread the delays");
    }

    [Fact]
    public void Next_JitterNearTheCap_NeverExceedsTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), jitter: 0.5, new Random(2));

        for (var i = 0; i < 100; i++)
        {
            Assert.True(backoff.Next() <= TimeSpan.FromSeconds(3));
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsAtTheInitialDelay()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(10), jitter: 0);
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(0.25), backoff.Next());
    }

    [Fact]
    public void Constructor_JitterOfOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 1.0));
    }
}
