using System.Text.Json.Serialization;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Events.Serialization;

/// <summary>
/// Source-generated JSON for everything EdgeStream publishes: camelCase names, lowercase enum strings, ISO-8601
/// timestamps with offset (System.Text.Json's DateTimeOffset format), nulls left out. The event contract is
/// <c>schemas/event.schema.json</c>; change both together and bump <see cref="DetectionEvent.CurrentSchemaVersion"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    RespectNullableAnnotations = true,
    Converters = [
        typeof(LowercaseEnumConverter<EventType>),
        typeof(LowercaseEnumConverter<EventPhase>),
        typeof(LowercaseEnumConverter<StreamHealth>),
        typeof(LowercaseEnumConverter<DeviceState>)])]
[JsonSerializable(typeof(DetectionEvent))]
[JsonSerializable(typeof(StreamState))]
[JsonSerializable(typeof(StreamStatus))]
[JsonSerializable(typeof(DeviceStatus))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
