using EdgeStream.Core.Sources;

namespace EdgeStream.Sensors.Validation;

/// <summary>
/// Hands validated samples to the stream's <see cref="IStepWriter"/>: numbers them, gives back the
/// buffer of a refused sample and names where the refused one came from (CSV line, MQTT message).
/// </summary>
internal sealed class SampleEmitter(IStepWriter writer, SampleValidator validator, TimeProvider time)
{
    private long _sequence;

    public SampleValidator Validator => validator;

    public long Written => _sequence;

    public long Rejected { get; private set; }

    public float[] Rent() => writer.Rent();

    /// <summary>Refuses a sample: its buffer goes back to the pool and the reason, prefixed by where it came from, is reported.</summary>
    public void Reject(float[]? buffer, string where, string reason)
    {
        if (buffer is not null)
        {
            writer.GiveBack(buffer);
        }

        Rejected++;
        writer.Reject($"{where}: {reason}");
    }

    /// <summary>Writes an accepted sample (already checked with <see cref="SampleValidator.CheckOrder"/>).</summary>
    public void Write(DateTimeOffset timestamp, float[] buffer)
    {
        validator.Accept(timestamp);
        writer.Write(_sequence++, timestamp, time.GetUtcNow(), buffer);
    }
}
