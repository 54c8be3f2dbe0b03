using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Tests.Options;

public sealed class MqttOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        var options = new MqttOptions();

        Assert.Empty(Problems(options));
        Assert.Equal("embedded", options.Broker);
        Assert.Equal(1883, options.EmbeddedPort);
        Assert.Equal("edgestream", options.TopicPrefix);
    }

    [Theory]
    [InlineData(nameof(MqttOptions.Broker), "tcp://x")]
    [InlineData(nameof(MqttOptions.EmbeddedPort), "70000")]
    [InlineData(nameof(MqttOptions.TopicPrefix), "edge/#")]
    [InlineData(nameof(MqttOptions.ProtocolVersion), "4")]
    [InlineData(nameof(MqttOptions.PublishTimeoutSeconds), "0")]
    [InlineData(nameof(MqttOptions.MaxPayloadBytes), "0")]
    [InlineData(nameof(MqttOptions.MaxPayloadBytes), "268435455")]
    [InlineData(nameof(MqttOptions.CaFile), "/nonexistent/ca.pem")]
    public void Validate_BadValue_ProblemNamesTheKey(string key, string value)
    {
        var options = new MqttOptions();
        var property = typeof(MqttOptions).GetProperty(key)!;
        property.SetValue(options, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var problem = Assert.Single(Problems(options));

        Assert.StartsWith($"EdgeStream:Mqtt:{key}:", problem, StringComparison.Ordinal);
    }

    private static List<string> Problems(MqttOptions options)
    {
        var problems = new List<string>();
        MqttOptionsRules.Check(MqttOptions.SectionName, options, problems);
        return problems;
    }
}
