using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Tests.Validation;

public class SensorTimestampTests
{
    [Theory]
    [InlineData("2024-01-01T00:00:05Z", "2024-01-01T00:00:05.0000000+00:00")]
    [InlineData("2024-01-01T02:00:05+02:00", "2024-01-01T00:00:05.0000000+00:00")]
    [InlineData("2024-01-01T00:00:05.25", "2024-01-01T00:00:05.2500000+00:00")]
    [InlineData("2014-04-01 00:05:00", "2014-04-01T00:05:00.0000000+00:00")]
    [InlineData(" 2020-02-08 13:30:47 ", "2020-02-08T13:30:47.0000000+00:00")]
    [InlineData("1704067205", "2024-01-01T00:00:05.0000000+00:00")]
    [InlineData("1704067205.5", "2024-01-01T00:00:05.5000000+00:00")]
    public void TryParse_SupportedForms_UtcTime(string text, string expected)
    {
        Assert.True(SensorTimestamp.TryParse(text, out var ts));
        Assert.Equal(expected, ts.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, ts.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("12:00")]
    [InlineData("2024-13-01 00:00:00")]
    [InlineData("1e30")]
    [InlineData("-5")]
    [InlineData("NaN")]
    public void TryParse_NotATime_False(string text) => Assert.False(SensorTimestamp.TryParse(text, out _));
}
