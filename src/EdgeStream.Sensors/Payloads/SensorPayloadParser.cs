using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Payloads;

/// <summary>
/// Turns one message payload (an MQTT topic's, in EdgeStream.Mqtt) into samples of one stream: JSON or CSV, one or
/// many per message, each validated like a CSV line by the stream's <see cref="SampleValidator"/> and written to its
/// <see cref="IStepWriter"/>. Samples without a timestamp are stamped on receipt from the injected clock. A bad sample
/// is rejected with where it came from (message, sample or line within it); the others still go through.
/// Not thread-safe: the caller hands it one message at a time.
/// </summary>
public sealed class SensorPayloadParser
{
    private readonly SensorPayloadFormat _format;
    private readonly TimeProvider _time;
    private readonly SampleEmitter _emitter;

    /// <param name="channelNames">The stream's channels in order (<see cref="IStepWriter.StepLength"/> of them).</param>
    public SensorPayloadParser(SensorPayloadFormat format, IStepWriter writer, IReadOnlyList<string> channelNames, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(channelNames);
        ArgumentNullException.ThrowIfNull(time);
        _format = format;
        _time = time;
        _emitter = new SampleEmitter(writer, new SampleValidator(channelNames), time);
    }

    /// <summary>Parses one payload; <paramref name="where"/> names it in reject reasons (e.g. "message 3 on 'topic'").</summary>
    public void Parse(ReadOnlySequence<byte> payload, string where)
    {
        var first = FirstNonSpace(payload);
        if (first < 0)
        {
            _emitter.Reject(null, where, "empty payload");
        }
        else if (_format == SensorPayloadFormat.Json || (_format == SensorPayloadFormat.Auto && first is (byte)'{' or (byte)'['))
        {
            ParseJson(payload, where);
        }
        else
        {
            CsvPayload.Parse(Encoding.UTF8.GetString(payload), where, _emitter, _time);
        }
    }

    /// <summary>Counts a whole message as rejected (one that could not be handled at all) with the reason.</summary>
    public void Reject(string where, string reason) => _emitter.Reject(null, where, reason);

    private void ParseJson(ReadOnlySequence<byte> payload, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            _emitter.Reject(null, where, $"malformed JSON: {ex.Message}");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                JsonSample.Emit(root, where, _emitter, _time);
                return;
            }

            var index = 0;
            foreach (var sample in root.EnumerateArray())
            {
                JsonSample.Emit(sample, $"{where} sample {index++}", _emitter, _time);
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
