using EdgeStream.Core.Decisions;

namespace EdgeStream.Core.Tests.Decisions;

/// <summary>The likelihood rule's sliding mean and deviation, against a two-pass count over the same values.</summary>
public sealed class SlidingMomentsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e7)] // NAB has series near 1e7, where a sum of squares loses every digit
    public void Push_ManyMoreThanTheCapacity_EqualsTwoPassOverTheLastValues(double offset)
    {
        var random = new Random(3);
        var moments = new SlidingMoments(50);
        var values = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            var v = offset + (random.NextDouble() * 10) + (i % 97 == 0 ? 500 : 0);
            values.Add(v);
            moments.Push(v);

            var last = values.TakeLast(50).ToArray();
            var mean = last.Average();
            var sd = Math.Sqrt(last.Average(x => (x - mean) * (x - mean)));
            Assert.Equal(last.Length, moments.Count);
            Assert.True(Math.Abs(moments.Mean - mean) <= 1e-9 * Math.Max(1, Math.Abs(mean)), $"mean {moments.Mean:R} vs {mean:R} at {i}");
            Assert.True(Math.Abs(moments.StandardDeviation - sd) <= 1e-6 * Math.Max(1, sd), $"sd {moments.StandardDeviation:R} vs {sd:R} at {i}");
        }
    }

    [Fact]
    public void Push_CapacityOne_KeepsOnlyTheLastValue()
    {
        var moments = new SlidingMoments(1);
        moments.Push(4);
        moments.Push(9);

        Assert.Equal((1, 9.0, 0.0), (moments.Count, moments.Mean, moments.StandardDeviation));
    }
}
