using EdgeStream.Core.Decisions;

namespace EdgeStream.Core.Tests.Decisions;

/// <summary>The normal tail the likelihood rule compares with 1e-5: relative accuracy where it matters, in the far tail.</summary>
public sealed class NormalTailTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(3.090232306167813, 0.001)]
    [InlineData(4.264890793922602, 1e-5)]
    [InlineData(6.361340902404056, 1e-10)]
    [InlineData(-1.0, 0.8413447460685429)]
    public void Q_MatchesTheNormalTailToOnePartInAMillion(double z, double expected) =>
        Assert.True(Math.Abs(NormalTail.Q(z) - expected) <= 1.2e-7 * expected, $"Q({z}) = {NormalTail.Q(z):R}, expected {expected:R}");

    [Fact]
    public void Erfc_OfMinusX_IsTwoMinusErfcOfX()
    {
        foreach (var x in new[] { 0.1, 0.7, 2.5 })
        {
            Assert.Equal(2 - NormalTail.Erfc(x), NormalTail.Erfc(-x), 12);
        }
    }
}
