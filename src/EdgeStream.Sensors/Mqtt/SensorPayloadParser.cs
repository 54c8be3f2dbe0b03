using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Mqtt;

/// <summary>
/// Turns one MQTT payload into samples (JSON or CSV, one or many per message), validated by the stream's
/// <see cref="SampleValidator"/>. Samples without a timestamp are stamped on receipt from the injected clock.
/// A bad sample is rejected with the message number (and sample or line within it); the others still go through.
/// </summary>
internal sealed class SensorPayloadParser(SensorPayloadFormat format, TimeProvider time)
{
    public void Parse(ReadOnlySequence<byte> payload, string where, SampleEmitter emitter)
    {
        var first = FirstNonSpace(payload);
        if (first < 0)
        {
            emitter.Reject(null, where, "empty payload");
        }
        else if (format == SensorPayloadFormat.Json || (format == SensorPayloadFormat.Auto && first is (byte)'{' or (byte)'['))
        {
            ParseJson(payload, where, emitter);
        }
        else
        {
            CsvPayload.Parse(Encoding.UTF8.GetString(payload), where, emitter, time);
        }
    }

    private void ParseJson(ReadOnlySequence<byte> payload, string where, SampleEmitter emitter)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            emitter.Reject(null, where, $"malformed JSON: {ex.Message}");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                JsonSample.Emit(root, where, emitter, time);
                return;
            }

            var index = 0;
            foreach (var sample in root.EnumerateArray())
            {
                JsonSample.Emit(sample, $"{where} sample {index++}", emitter, time);
            }
        }
    }

    private static int FirstNonSpace(ReadOnlySequence<byte> payload)
    {
        foreach (var segment in payload)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return b;
                }
            }
        }

        return -1;
    }
}
