using EdgeStream.Core.Resilience;

namespace EdgeStream.Core.Tests.Resilience;

/// <summary>
/// The one backoff, with the settings of both callers: video sources (initial 0.5 s, jitter 0.2 by default) and the
/// MQTT connection and outbox (min 1 s, max 30 s, jitter 0.5). Exact values only without jitter; with it, the bands.
/// </summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delay_NoJitter_DoublesUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5), jitter: 0);

        var delays = Enumerable.Range(1, 6).Select(n => backoff.Delay(n).TotalSeconds).ToArray();

        Assert.Equal([0.5, 1, 2, 4, 5, 5], delays);
    }

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(3, 2, 4)]
    [InlineData(6, 15, 30)]
    [InlineData(1000, 15, 30)]
    public void Delay_EqualJitter_BetweenHalfAndAllOfTheCeiling(int failures, double low, double high)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.5, new Random(42));

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(backoff.Delay(failures).TotalSeconds, low, high);
        }
    }

    [Fact]
    public void Delay_WithJitter_StaysWithinTheBandAndVaries()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100), jitter: 0.2, new Random(1));

        var firsts = Enumerable.Range(0, 50).Select(_ => backoff.Delay(1).TotalSeconds).ToList();
        var seconds = Enumerable.Range(0, 50).Select(_ => backoff.Delay(2).TotalSeconds).ToList();

        Assert.All(firsts, d => Assert.InRange(d, 0.8, 1.0));
        Assert.All(seconds, d => Assert.InRange(d, 1.6, 2.0));
        Assert.True(firsts.Distinct().Count() > 10, "jitter must spread the delays");
    }

    [Fact]
    public void Delay_AtTheCap_NeverExceedsItAndStaysSpread()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), jitter: 0.5, new Random(2));

        var delays = Enumerable.Range(1, 100).Select(n => backoff.Delay(n)).ToList();

        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(3), $"{d} is over the cap"));
        Assert.True(delays.Skip(5).Distinct().Count() > 80, "delays at the cap must not pile up on the cap itself");
    }

    [Fact]
    public void Delay_ManyDraws_AreSpreadNotEqual()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter: 0.5, new Random(7));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(4)).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct delays: jitter missing");
    }

    [Fact]
    public void Delay_CountStartedOverAfterALongRun_IsTheInitialDelayAgain()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(10), jitter: 0);
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Delay(4));

        // Callers reset by counting their failures from 1 again (a session that delivered frames, a good publish).
        Assert.Equal(TimeSpan.FromSeconds(0.25), backoff.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(0.25), backoff.Delay(0));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Constructor_JitterOutsideZeroToOne_Throws(double jitter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), jitter));
    }

    [Fact]
    public void Constructor_MaxBelowInitial_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0));
    }
}
