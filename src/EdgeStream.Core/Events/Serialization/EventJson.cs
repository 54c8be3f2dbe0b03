using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeStream.Core.Events.Serialization;

/// <summary>
/// The one place that turns events, states and statuses into JSON and back (MQTT payloads, JSONL lines, the
/// subscriber). Output is compact UTF-8, one object per call, no trailing newline.
/// </summary>
public static class EventJson
{
    public static byte[] Serialize(DetectionEvent value) => JsonSerializer.SerializeToUtf8Bytes(value, EventJsonContext.Default.DetectionEvent);

    public static byte[] Serialize(StreamState value) => JsonSerializer.SerializeToUtf8Bytes(value, EventJsonContext.Default.StreamState);

    public static byte[] Serialize(StreamStatus value) => JsonSerializer.SerializeToUtf8Bytes(value, EventJsonContext.Default.StreamStatus);

    public static byte[] Serialize(DeviceStatus value) => JsonSerializer.SerializeToUtf8Bytes(value, EventJsonContext.Default.DeviceStatus);

    /// <summary>Writes an event to a JSON writer (the JSONL sink reuses one writer per file).</summary>
    public static void Write(Utf8JsonWriter writer, DetectionEvent value) => JsonSerializer.Serialize(writer, value, EventJsonContext.Default.DetectionEvent);

    /// <summary>Parses an event; throws <see cref="JsonException"/> naming the problem when the payload is not one.</summary>
    public static DetectionEvent DeserializeEvent(ReadOnlySpan<byte> utf8) => Deserialize(utf8, EventJsonContext.Default.DetectionEvent);

    public static StreamState DeserializeState(ReadOnlySpan<byte> utf8) => Deserialize(utf8, EventJsonContext.Default.StreamState);

    public static StreamStatus DeserializeStreamStatus(ReadOnlySpan<byte> utf8) => Deserialize(utf8, EventJsonContext.Default.StreamStatus);

    public static DeviceStatus DeserializeDeviceStatus(ReadOnlySpan<byte> utf8) => Deserialize(utf8, EventJsonContext.Default.DeviceStatus);

    private static T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
        where T : class =>
        JsonSerializer.Deserialize(utf8, typeInfo) ?? throw new JsonException($"expected a {typeof(T).Name} object, found null");
}
