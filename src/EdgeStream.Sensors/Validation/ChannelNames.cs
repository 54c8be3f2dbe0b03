namespace EdgeStream.Sensors.Validation;

/// <summary>
/// Matches configured channel names to the names a file or message uses. Exact first, then ignoring
/// case and white space: model manifests name channels as identifiers (<c>VolumeFlowRateRMS</c>),
/// recorded files often with spaces (<c>Volume Flow RateRMS</c>).
/// </summary>
public static class ChannelNames
{
    /// <summary>Index of <paramref name="wanted"/> in <paramref name="available"/>, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> available, string wanted)
    {
        ArgumentNullException.ThrowIfNull(available);
        for (var i = 0; i < available.Count; i++)
        {
            if (string.Equals(available[i], wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var key = Normalise(wanted);
        for (var i = 0; i < available.Count; i++)
        {
            if (string.Equals(Normalise(available[i]), key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool Matches(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c)));
}
