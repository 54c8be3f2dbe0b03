using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

public sealed class SkabRoundingTests
{
    // Expected values are what CPython 3.11 prints for round(value, 2): half-to-even on the exact binary value.
    [Theory]
    [InlineData(2.675, 2.67)] // stored as 2.67499999...
    [InlineData(1.005, 1.0)] // stored as 1.00499999...
    [InlineData(0.125, 0.12)] // exactly half: to even
    [InlineData(0.375, 0.38)] // exactly half: to even
    [InlineData(0.285, 0.28)]
    [InlineData(-3.795, -3.79)]
    [InlineData(-0.005, -0.01)] // stored as -0.005000000000000000104
    [InlineData(100.0 / 3, 33.33)]
    [InlineData(42.6, 42.6)]
    [InlineData(1e20, 1e20)]
    public void Round_IsPythonsRound(double value, double expected) => Assert.Equal(expected, SkabRounding.Round(value, 2));

    [Theory]
    [InlineData(42.6, "42.6")]
    [InlineData(-3.8, "-3.8")]
    [InlineData(100.0, "100")]
    [InlineData(0.78, "0.78")]
    [InlineData(-0.0001, "0")]
    [InlineData(double.NaN, "nan")]
    public void Format_PrintsAsTheLeaderboard(double value, string expected) => Assert.Equal(expected, SkabRounding.Format(value));
}
