using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Payloads;

/// <summary>
/// CSV payloads: one sample per line, <c>ts,v1,...,vC</c> (a timestamp and C values) or <c>v1,...,vC</c>
/// (stamped on receipt); <c>,</c> or <c>;</c> as in the CSV files.
/// </summary>
internal static class CsvPayload
{
    public static void Parse(string text, string where, SampleEmitter emitter, TimeProvider time)
    {
        var lines = text.AsSpan().Trim().Count('\n') + 1;
        var number = 0;
        foreach (var range in text.AsSpan().Trim().Split('\n'))
        {
            number++;
            var line = text.AsSpan().Trim()[range].Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            var buffer = emitter.Rent();
            var reason = Read(line, emitter.Validator, buffer, time, out var timestamp);
            var at = lines > 1 ? $"{where} line {number}" : where;
            if (reason is null)
            {
                emitter.Write(timestamp, buffer);
            }
            else
            {
                emitter.Reject(buffer, at, reason);
            }
        }
    }

    private static string? Read(ReadOnlySpan<char> line, SampleValidator validator, float[] values, TimeProvider time, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var delimiter = CsvLayout.DetectDelimiter(line);
        var fields = line.Count(delimiter) + 1;
        var channels = validator.ChannelCount;
        if (fields != channels && fields != channels + 1)
        {
            return $"expected {channels} values, or a timestamp and {channels} values, got {fields} fields";
        }

        var c = fields == channels ? 0 : -1;
        foreach (var range in line.Split(delimiter))
        {
            var field = line[range];
            if (c < 0)
            {
                if (!SensorTimestamp.TryParse(field, out timestamp))
                {
                    return SampleValidator.BadTimestamp(field);
                }
            }
            else if (validator.ParseValue(c, field, out values[c]) is { } reason)
            {
                return reason;
            }

            c++;
        }

        if (fields == channels)
        {
            timestamp = validator.ReceiptTimestamp(time.GetUtcNow());
        }

        return validator.CheckOrder(timestamp);
    }
}
