using System.Globalization;

namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// NAB's timestamps: <c>2014-02-19 10:50:00</c> in the data and results CSVs, <c>2014-02-19 10:50:00.000000</c> in
/// the label files. Both parse to the same <see cref="DateTime"/> (kind unspecified: NAB has no time zones), which is
/// what lets a window's limits be matched to rows exactly, as NAB matches them.
/// </summary>
internal static class NabTimestamps
{
    // "FFFFFFF" makes the fraction, and the dot before it, optional, so one format reads both spellings.
    private const string Format = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static DateTime Parse(string text) =>
        DateTime.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a NAB timestamp (yyyy-MM-dd HH:mm:ss[.ffffff])");
}
