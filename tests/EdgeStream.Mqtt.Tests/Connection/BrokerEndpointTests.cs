using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Tests.Connection;

public sealed class BrokerEndpointTests
{
    [Theory]
    [InlineData("mqtt://broker.local", "broker.local", 1883, false)]
    [InlineData("mqtt://10.0.0.5:1884", "10.0.0.5", 1884, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtts://broker.local:9000", "broker.local", 9000, true)]
    public void Parse_Uri_HostPortAndTls(string uri, string host, int port, bool tls)
    {
        var endpoint = BrokerEndpoint.Parse(uri);

        Assert.Equal(new BrokerEndpoint(host, port, tls), endpoint);
    }

    [Theory]
    [InlineData("tcp://broker:1883")]
    [InlineData("broker:1883")]
    [InlineData("mqtt://")]
    public void Parse_NotMqttUri_ThrowsNamingTheForm(string uri)
    {
        var ex = Assert.Throws<ArgumentException>(() => BrokerEndpoint.Parse(uri));

        Assert.Contains("mqtt://host[:port]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CredentialsInUri_RejectedSoTheyNeverReachLogs()
    {
        var ex = Assert.Throws<ArgumentException>(() => BrokerEndpoint.Parse("mqtt://user:secret@broker:1883"));

        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Embedded_LoopbackOnBoundPort()
    {
        var endpoint = BrokerEndpoint.From(new MqttOptions { EmbeddedPort = 1883 }, embeddedPort: 40000);

        Assert.Equal("mqtt://127.0.0.1:40000", endpoint.ToString());
    }
}
