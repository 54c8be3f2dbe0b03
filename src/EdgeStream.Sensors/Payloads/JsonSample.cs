using System.Text.Json;
using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Payloads;

/// <summary>
/// One JSON sample: <c>{"ts": "ISO-8601" | unixSeconds, "values": [v0, v1, ...]}</c> or
/// <c>{"timestamp": ..., "&lt;channel&gt;": value, ...}</c> (channels by name; other keys ignored).
/// The time key may be <c>ts</c> or <c>timestamp</c>; without one the sample is stamped on receipt.
/// Values may be numbers or numeric strings (so "NaN" arrives as a string and is rejected as NaN).
/// </summary>
internal static class JsonSample
{
    public static void Emit(JsonElement sample, string where, SampleEmitter emitter, TimeProvider time)
    {
        var buffer = emitter.Rent();
        var reason = Read(sample, emitter.Validator, buffer, time, out var timestamp);
        if (reason is null)
        {
            emitter.Write(timestamp, buffer);
        }
        else
        {
            emitter.Reject(buffer, where, reason);
        }
    }

    private static string? Read(JsonElement sample, SampleValidator validator, float[] values, TimeProvider time, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (sample.ValueKind != JsonValueKind.Object)
        {
            return $"expected a JSON object, got {Kind(sample)}";
        }

        var reason = ReadTimestamp(sample, validator, time, out timestamp)
            ?? (TryGet(sample, "values", out var array) ? ReadArray(array, validator, values) : ReadNamed(sample, validator, values));
        return reason ?? validator.CheckOrder(timestamp);
    }

    private static string? ReadTimestamp(JsonElement sample, SampleValidator validator, TimeProvider time, out DateTimeOffset timestamp)
    {
        if (!TryGet(sample, "ts", out var ts) && !TryGet(sample, "timestamp", out ts))
        {
            timestamp = validator.ReceiptTimestamp(time.GetUtcNow());
            return null;
        }

        var ok = ts.ValueKind switch
        {
            JsonValueKind.String => SensorTimestamp.TryParse(ts.GetString(), out timestamp),
            JsonValueKind.Number => SensorTimestamp.TryFromUnixSeconds(ts.GetDouble(), out timestamp),
            _ => Fail(out timestamp),
        };
        return ok ? null : SampleValidator.BadTimestamp(ts.GetRawText());
    }

    private static string? ReadArray(JsonElement array, SampleValidator validator, float[] values)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return $"'values' must be an array, got {Kind(array)}";
        }

        if (validator.CheckValueCount(array.GetArrayLength()) is { } arity)
        {
            return arity;
        }

        var c = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (ReadValue(item, c, validator, out values[c]) is { } reason)
            {
                return reason;
            }

            c++;
        }

        return null;
    }

    private static string? ReadNamed(JsonElement sample, SampleValidator validator, float[] values)
    {
        for (var c = 0; c < validator.ChannelCount; c++)
        {
            var name = validator.ChannelNames[c];
            if (!TryGet(sample, name, out var item))
            {
                return $"missing channel '{name}' (expected 'values' or the channels {string.Join(", ", validator.ChannelNames)})";
            }

            if (ReadValue(item, c, validator, out values[c]) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? ReadValue(JsonElement item, int channel, SampleValidator validator, out float value) => item.ValueKind switch
    {
        JsonValueKind.Number => validator.CheckValue(channel, item.GetDouble(), out value),
        JsonValueKind.String => validator.ParseValue(channel, item.GetString(), out value),
        _ => validator.ParseValue(channel, item.GetRawText(), out value),
    };

    /// <summary>A property by name: exact, else as <see cref="ChannelNames"/> matches (case and white space ignored).</summary>
    private static bool TryGet(JsonElement sample, string name, out JsonElement value)
    {
        if (sample.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in sample.EnumerateObject())
        {
            if (ChannelNames.Matches(property.Name, name))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static bool Fail(out DateTimeOffset timestamp)
    {
        timestamp = default;
        return false;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
