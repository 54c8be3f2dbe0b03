using EdgeStream.Mqtt.Connection;

namespace EdgeStream.Mqtt.Tests.Connection;

public sealed class ReconnectBackoffTests
{
    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(3, 2, 4)]
    [InlineData(6, 15, 30)]
    [InlineData(1000, 15, 30)]
    public void Delay_AfterFailures_DoublesWithJitterUpToMax(int failures, double low, double high)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(42));

        for (var i = 0; i < 200; i++)
        {
            var delay = backoff.Delay(failures).TotalSeconds;
            Assert.InRange(delay, low, high);
        }
    }

    [Fact]
    public void Delay_ManyDraws_AreSpreadNotEqual()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(4)).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct delays: jitter missing");
    }
}
