using System.Globalization;

namespace EdgeStream.Sensors.Validation;

/// <summary>
/// The rules every sensor sample passes, whatever it came from (a CSV line, an MQTT message):
/// the right number of channel values, each a finite number, and a timestamp strictly after the
/// last accepted sample's. One instance per stream; not thread-safe (a source feeds it in order).
/// Each check returns null when the sample passes, or the reason it fails; reasons are built only
/// on failure so a clean stream allocates nothing here.
/// </summary>
public sealed class SampleValidator
{
    private const int MaxQuotedLength = 40;
    private readonly string[] _channelNames;

    public SampleValidator(IReadOnlyList<string> channelNames)
    {
        ArgumentNullException.ThrowIfNull(channelNames);
        if (channelNames.Count == 0)
        {
            throw new ArgumentException("A sensor stream needs at least one channel.", nameof(channelNames));
        }

        _channelNames = [.. channelNames];
    }

    public IReadOnlyList<string> ChannelNames => _channelNames;

    public int ChannelCount => _channelNames.Length;

    /// <summary>Timestamp of the last accepted sample; null before the first.</summary>
    public DateTimeOffset? LastAccepted { get; private set; }

    /// <summary>Checks the channel count of a sample that carries bare values.</summary>
    public string? CheckValueCount(int actual) =>
        actual == ChannelCount ? null : $"expected {ChannelCount} channel values, got {actual}";

    /// <summary>Parses one channel's text (invariant culture, '.' decimal point) into <paramref name="value"/>.</summary>
    public string? ParseValue(int channel, ReadOnlySpan<char> text, out float value)
    {
        text = text.Trim();
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return $"channel '{_channelNames[channel]}' is not a number: '{Quote(text)}'";
        }

        return float.IsFinite(value) ? null : NotFinite(channel, text.ToString(), value);
    }

    /// <summary>Checks one channel's numeric value (from JSON) and narrows it to float.</summary>
    public string? CheckValue(int channel, double number, out float value)
    {
        value = (float)number;
        return float.IsFinite(value) ? null : NotFinite(channel, number.ToString("R", CultureInfo.InvariantCulture), value);
    }

    /// <summary>Checks that <paramref name="timestamp"/> comes strictly after the last accepted sample.</summary>
    public string? CheckOrder(DateTimeOffset timestamp)
    {
        if (LastAccepted is not { } last || timestamp > last)
        {
            return null;
        }

        return timestamp == last
            ? $"duplicate timestamp {Format(timestamp)} (same as the previous sample)"
            : $"timestamp {Format(timestamp)} is before the previous sample's {Format(last)} (out of order)";
    }

    /// <summary>Records an accepted sample: later samples must come after it.</summary>
    public void Accept(DateTimeOffset timestamp) => LastAccepted = timestamp;

    /// <summary>A timestamp for a sample that carries none (stamped on receipt): never before the last accepted one.</summary>
    public DateTimeOffset ReceiptTimestamp(DateTimeOffset now) =>
        LastAccepted is { } last && now <= last ? last.AddTicks(1) : now;

    public static string BadTimestamp(ReadOnlySpan<char> text) =>
        $"timestamp is not a valid time (ISO-8601, 'yyyy-MM-dd HH:mm:ss' or unix seconds): '{Quote(text)}'";

    public static string Format(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private string NotFinite(int channel, string text, float value) =>
        float.IsNaN(value)
            ? $"channel '{_channelNames[channel]}' is NaN"
            : $"channel '{_channelNames[channel]}' is not finite: '{Quote(text)}'";

    // Quoted input is cut short: a malformed MQTT payload can be megabytes long.
    private static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= MaxQuotedLength ? text.ToString() : string.Concat(text[..MaxQuotedLength], "...");
}
