using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Tests.Validation;

public class SampleValidatorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SampleValidator _validator = new(["temp", "flow"]);

    [Fact]
    public void ParseValue_Number_NoReasonAndValue()
    {
        Assert.Null(_validator.ParseValue(1, " -1.5e2 ", out var value));
        Assert.Equal(-150f, value);
    }

    [Fact]
    public void ParseValue_Text_ReasonNamesChannelAndText() =>
        Assert.Equal("channel 'flow' is not a number: 'abc'", _validator.ParseValue(1, "abc", out _));

    [Fact]
    public void ParseValue_DecimalComma_NotANumber() =>
        Assert.Equal("channel 'temp' is not a number: '1,5'", _validator.ParseValue(0, "1,5", out _));

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void ParseValue_NaN_Rejected(string text) =>
        Assert.Equal("channel 'temp' is NaN", _validator.ParseValue(0, text, out _));

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    public void ParseValue_Infinite_Rejected(string text) =>
        Assert.Equal($"channel 'temp' is not finite: '{text}'", _validator.ParseValue(0, text, out _));

    [Fact]
    public void CheckValue_DoubleBeyondFloat_Rejected() =>
        Assert.Equal("channel 'flow' is not finite: '1E+300'", _validator.CheckValue(1, 1e300, out _));

    [Fact]
    public void CheckValueCount_Wrong_ReasonWithCounts()
    {
        Assert.Null(_validator.CheckValueCount(2));
        Assert.Equal("expected 2 channel values, got 3", _validator.CheckValueCount(3));
    }

    [Fact]
    public void CheckOrder_DuplicateAndEarlier_Rejected()
    {
        Assert.Null(_validator.CheckOrder(T0));
        _validator.Accept(T0);
        Assert.Equal("duplicate timestamp 2024-01-01T00:00:00Z (same as the previous sample)", _validator.CheckOrder(T0));
        Assert.Equal(
            "timestamp 2023-12-31T23:59:59Z is before the previous sample's 2024-01-01T00:00:00Z (out of order)",
            _validator.CheckOrder(T0.AddSeconds(-1)));
        Assert.Null(_validator.CheckOrder(T0.AddTicks(1)));
    }

    [Fact]
    public void CheckOrder_RejectedSampleNotAccepted_LaterSampleStillComparedWithLastAccepted()
    {
        _validator.Accept(T0.AddSeconds(10));
        Assert.NotNull(_validator.CheckOrder(T0.AddSeconds(5)));
        Assert.NotNull(_validator.CheckOrder(T0.AddSeconds(6)));
        Assert.Equal(T0.AddSeconds(10), _validator.LastAccepted);
    }

    [Fact]
    public void ReceiptTimestamp_ClockNotAdvanced_OneTickAfterLast()
    {
        _validator.Accept(T0);
        Assert.Equal(T0.AddTicks(1), _validator.ReceiptTimestamp(T0));
        Assert.Equal(T0.AddSeconds(1), _validator.ReceiptTimestamp(T0.AddSeconds(1)));
    }

    [Fact]
    public void ParseValue_LongText_QuotedShort()
    {
        var reason = _validator.ParseValue(0, new string('x', 500), out _);
        Assert.Equal($"channel 'temp' is not a number: '{new string('x', 40)}...'", reason);
    }
}
