using EdgeStream.Sensors.Factory;

namespace EdgeStream.Sensors.Tests.Factory;

public class SensorUriTests
{
    [Theory]
    [InlineData("csv:data/pump.csv")]
    [InlineData("data/pump.CSV")]
    [InlineData("/abs/pump.csv?speed=60")]
    [InlineData("mqtt:plant/+/samples")]
    public void IsSensorUri_SensorForms_True(string uri) => Assert.True(SensorUri.IsSensorUri(uri));

    [Theory]
    [InlineData("clip.mp4")]
    [InlineData("rtsp://cam/stream")]
    [InlineData("/dev/video0")]
    [InlineData("")]
    public void IsSensorUri_OtherForms_False(string uri) => Assert.False(SensorUri.IsSensorUri(uri));

    [Fact]
    public void Parse_CsvWithSettings_TargetAndSettings()
    {
        var uri = SensorUri.Parse("csv:data/pump.csv?speed=60&channels=Current,Volume%20Flow%20RateRMS&loop");
        Assert.Equal(SensorUriKind.Csv, uri.Kind);
        Assert.Equal("data/pump.csv", uri.Target);
        Assert.Equal("60", uri.Settings["speed"]);
        Assert.Equal("Current,Volume Flow RateRMS", uri.Settings["channels"]);
        Assert.Equal("", uri.Settings["loop"]);
    }

    [Fact]
    public void Parse_BarePath_Csv()
    {
        var uri = SensorUri.Parse("models/samples/sensors/pump.csv");
        Assert.Equal(SensorUriKind.Csv, uri.Kind);
        Assert.Equal("models/samples/sensors/pump.csv", uri.Target);
        Assert.Empty(uri.Settings);
    }

    [Fact]
    public void Parse_MqttTopicWithFormat_TopicAndFormat()
    {
        var uri = SensorUri.Parse("mqtt:plant/pump1/samples?format=json");
        Assert.Equal(SensorUriKind.Mqtt, uri.Kind);
        Assert.Equal("plant/pump1/samples", uri.Target);
        Assert.Equal("json", uri.Settings["format"]);
    }

    [Fact]
    public void Parse_UnknownSetting_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => SensorUri.Parse("mqtt:t?speed=2"));
        Assert.StartsWith("'mqtt:t?speed=2': unknown setting 'speed' (allowed: format, channels).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokerInSensorUri_ThrowsPointingToMqttOptions()
    {
        var ex = Assert.Throws<ArgumentException>(() => SensorUri.Parse("mqtt://broker:1883/t"));
        Assert.Contains("EdgeStream:Mqtt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoTarget_Throws() => Assert.Throws<ArgumentException>(() => SensorUri.Parse("csv:"));
}
