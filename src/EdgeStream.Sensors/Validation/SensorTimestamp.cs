using System.Globalization;

namespace EdgeStream.Sensors.Validation;

/// <summary>
/// Parses sample timestamps: ISO-8601 with or without an offset (no offset means UTC),
/// <c>yyyy-MM-dd HH:mm:ss</c> as NAB and SKAB write them, or unix seconds (fractions allowed).
/// Results are normalised to UTC so that samples compare and print alike.
/// </summary>
public static class SensorTimestamp
{
    // Unix seconds beyond this are not plausible sensor times and would overflow DateTimeOffset.
    private const double MaxUnixSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        text = text.Trim();
        timestamp = default;
        if (text.IsEmpty)
        {
            return false;
        }

        if (LooksLikeNumber(text))
        {
            return TryFromUnixSeconds(text, out timestamp);
        }

        // A date must lead: DateTimeOffset.TryParse would otherwise read a bare "12:00" as today,
        // which makes replays depend on the wall clock.
        if (!StartsWithDate(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        timestamp = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>Unix seconds (fractions allowed) to a UTC time; false when out of range or not finite.</summary>
    public static bool TryFromUnixSeconds(double seconds, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxUnixSeconds)
        {
            return false;
        }

        timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static bool TryFromUnixSeconds(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && TryFromUnixSeconds(seconds, out timestamp);
    }

    private static bool LooksLikeNumber(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not '.' and not '-' and not '+' and not 'e' and not 'E')
            {
                return false;
            }
        }

        // "2024-01-01" is all digits and dashes too: a date has its dash at index 4.
        return !(text.Length >= 5 && text[4] == '-');
    }

    private static bool StartsWithDate(ReadOnlySpan<char> text) =>
        text.Length >= 10
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-' && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6])
        && text[7] == '-' && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);
}
