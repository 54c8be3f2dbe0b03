namespace EdgeStream.Core.Sources;

/// <summary>How a file or replay source hands out its steps. Live inputs (cameras, network, MQTT) arrive at their own pace.</summary>
public enum Pacing
{
    /// <summary>Paced by the steps' timestamps, as a camera would deliver them.</summary>
    Realtime,

    /// <summary>As fast as the source can read (replay, evaluation).</summary>
    Fast,
}

/// <summary>
/// The one parser of a pacing as configuration writes it (<c>StreamOptions.Pacing</c>, a CSV URI's <c>?pacing=</c>):
/// <c>realtime</c> or <c>fast</c>, any case. Configuration keeps the string so existing files keep working and a
/// wrong value is reported by validation with the allowed names instead of failing inside the binder.
/// </summary>
public static class Pacings
{
    /// <summary>The configuration names, in the order messages list them: realtime, fast.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Pacing>().Select(Name)];

    /// <summary>The allowed names for a message: "realtime or fast".</summary>
    public static string Allowed { get; } = string.Join(" or ", Names);

    /// <summary>The configuration name of <paramref name="pacing"/> (<c>realtime</c>, <c>fast</c>).</summary>
    public static string Name(Pacing pacing) => pacing switch
    {
        Pacing.Realtime => "realtime",
        Pacing.Fast => "fast",
        _ => throw new ArgumentOutOfRangeException(nameof(pacing), pacing, "not a pacing"),
    };

    /// <summary>
    /// True when <paramref name="value"/> is one of <see cref="Names"/> (case-insensitive). Numbers and
    /// whitespace are refused, unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>.
    /// </summary>
    public static bool TryParse(string? value, out Pacing pacing)
    {
        foreach (var candidate in Enum.GetValues<Pacing>())
        {
            if (string.Equals(value, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                pacing = candidate;
                return true;
            }
        }

        pacing = default;
        return false;
    }
}
