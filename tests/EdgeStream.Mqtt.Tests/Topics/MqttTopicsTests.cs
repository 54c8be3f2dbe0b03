using EdgeStream.Mqtt.Topics;

namespace EdgeStream.Mqtt.Tests.Topics;

public sealed class MqttTopicsTests
{
    [Fact]
    public void Topics_DeviceAndStream_FollowTheDesignTable()
    {
        var topics = new MqttTopics("edgestream", "dev1");

        Assert.Equal("edgestream/dev1/status", topics.DeviceStatus);
        Assert.Equal("edgestream/dev1/cam1/status", topics.StreamStatus("cam1"));
        Assert.Equal("edgestream/dev1/cam1/events", topics.Events("cam1"));
        Assert.Equal("edgestream/dev1/cam1/state", topics.State("cam1"));
    }

    [Theory]
    [InlineData("edgestream/dev1/status", TopicKind.DeviceStatus, "dev1", null)]
    [InlineData("edgestream/dev1/cam1/status", TopicKind.StreamStatus, "dev1", "cam1")]
    [InlineData("edgestream/dev1/cam1/events", TopicKind.Event, "dev1", "cam1")]
    [InlineData("edgestream/dev1/cam1/state", TopicKind.State, "dev1", "cam1")]
    [InlineData("edgestream/dev1/cam1/other", TopicKind.Unknown, null, null)]
    [InlineData("other/dev1/cam1/events", TopicKind.Unknown, null, null)]
    public void Parse_Topic_KindDeviceStream(string topic, TopicKind kind, string? device, string? stream)
    {
        Assert.Equal(new TopicAddress(kind, device, stream), MqttTopics.Parse("edgestream", topic));
    }

    [Fact]
    public void Filters_DeviceAndStream_NarrowTheSubscription()
    {
        Assert.Equal(["edgestream/#"], MqttTopics.Filters("edgestream"));
        Assert.Equal(["edgestream/dev1/#"], MqttTopics.Filters("edgestream", "dev1"));
        Assert.Equal(["edgestream/+/status", "edgestream/+/cam1/#"], MqttTopics.Filters("edgestream", stream: "cam1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("cam+")]
    [InlineData("#")]
    public void Events_StreamNotOneTopicLevel_Throws(string stream)
    {
        var topics = new MqttTopics("edgestream", "dev1");

        Assert.Throws<ArgumentException>(() => topics.Events(stream));
    }
}
