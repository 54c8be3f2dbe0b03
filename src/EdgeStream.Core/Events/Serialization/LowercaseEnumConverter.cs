using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeStream.Core.Events.Serialization;

/// <summary>
/// Enums as lowercase strings (<c>action</c>, <c>start</c>, <c>degraded</c>); parsing is case-insensitive.
/// A named converter per enum keeps the source generator free of reflection.
/// </summary>
public sealed class LowercaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
