using System.Text;
using System.Text.Json;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Tests.Events;

public sealed class EventJsonTests
{
    [Fact]
    public void Serialize_Event_CamelCaseLowercaseEnumsIsoTimestamps()
    {
        var json = Encoding.UTF8.GetString(EventJson.Serialize(EventSamples.Event()));

        Assert.StartsWith("{\"schemaVersion\":\"1.0\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"sequence\":1,\"type\":\"action\",\"phase\":\"start\",", json, StringComparison.Ordinal);
        Assert.Contains("\"timestamp\":\"2025-03-01T12:00:01.234+00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"topK\":[{\"label\":\"fall\",\"score\":0.9712}", json, StringComparison.Ordinal);
        Assert.Contains("\"window\":{\"firstFrame\":120,\"lastFrame\":135,", json, StringComparison.Ordinal);
        Assert.Contains("\"latency\":{\"captureToDecisionMs\":20.5,\"inferenceMs\":4.25}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("endedAt", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', json);
    }

    [Theory]
    [InlineData(EventPhase.Start)]
    [InlineData(EventPhase.Update)]
    [InlineData(EventPhase.End)]
    public void DeserializeEvent_Serialized_RoundTripsEveryField(EventPhase phase)
    {
        var original = EventSamples.Event(phase: phase);

        var back = EventJson.DeserializeEvent(EventJson.Serialize(original));

        Assert.Equal(original with { TopK = [], Attention = null }, back with { TopK = [], Attention = null });
        Assert.Equal(original.TopK, back.TopK);
        Assert.Equal(original.Attention!.Weights, back.Attention!.Weights);
        Assert.Equal(original.Attention.KeyFrame, back.Attention.KeyFrame);
    }

    [Fact]
    public void Serialize_StreamStatus_HealthLowercaseReasonOmittedWhenNull()
    {
        var online = Encoding.UTF8.GetString(EventJson.Serialize(EventSamples.Status(StreamHealth.Online)));
        var degraded = Encoding.UTF8.GetString(EventJson.Serialize(EventSamples.Status(StreamHealth.Degraded, "drops")));

        Assert.Contains("\"health\":\"online\"", online, StringComparison.Ordinal);
        Assert.DoesNotContain("reason", online, StringComparison.Ordinal);
        Assert.Contains("\"health\":\"degraded\",\"reason\":\"drops\"", degraded, StringComparison.Ordinal);
        Assert.Equal(EventSamples.Status(StreamHealth.Online), EventJson.DeserializeStreamStatus(Encoding.UTF8.GetBytes(online)));
    }

    [Fact]
    public void Serialize_DeviceStatusOffline_MinimalWill()
    {
        var json = Encoding.UTF8.GetString(EventJson.Serialize(DeviceStatus.Offline("dev1")));

        Assert.Equal("{\"schemaVersion\":\"1.0\",\"device\":\"dev1\",\"state\":\"offline\",\"streams\":[],\"models\":[]}", json);
    }

    [Fact]
    public void Serialize_StreamState_RoundTrips()
    {
        var state = new StreamState("dev1", "cam1", null, "walk", 0.4, EventSamples.T0);

        var back = EventJson.DeserializeState(EventJson.Serialize(state));

        Assert.Equal(state, back);
    }

    [Theory]
    [InlineData("{\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}")]
    [InlineData("null")]
    [InlineData("{\"schemaVersion\":\"1.0\",\"type\":\"ACTION!\"}")]
    public void DeserializeEvent_NotAnEvent_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => EventJson.DeserializeEvent(Encoding.UTF8.GetBytes(json)));
    }
}
