using System.Text.Json;

namespace EdgeStream.Evaluation.Nab;

/// <summary>
/// One of NAB's application profiles (<c>config/profiles.json</c>): the weights of a detected window (A_TP), a false
/// positive row (A_FP) and a missed window (A_FN). NAB's A_TN weight is present in the file but never used, so it has
/// no place here.
/// </summary>
/// <param name="Name">NAB's name for the profile (<c>standard</c>, <c>reward_low_FP_rate</c>, <c>reward_low_FN_rate</c>).</param>
/// <param name="TruePositiveWeight">A_TP: what the earliest possible detection of a window scores.</param>
/// <param name="FalsePositiveWeight">A_FP: the most a false-positive row costs (it costs less just after a window).</param>
/// <param name="FalseNegativeWeight">A_FN: what a window without any detection costs.</param>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>NAB's standard profile: A_TP 1, A_FP 0.11, A_FN 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary>NAB's reward_low_FP_rate profile: false positives cost twice as much as in the standard one.</summary>
    public static NabProfile RewardLowFalsePositiveRate { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary>NAB's reward_low_FN_rate profile: a missed window costs twice as much as in the standard one.</summary>
    public static NabProfile RewardLowFalseNegativeRate { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>The three NAB v1.1 profiles, as in <c>config/profiles.json</c>, so scoring needs no file.</summary>
    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositiveRate, RewardLowFalseNegativeRate];

    /// <summary>Reads NAB's <c>config/profiles.json</c> (<c>{name: {CostMatrix: {tpWeight, fpWeight, fnWeight, tnWeight}}}</c>), in file order.</summary>
    /// <exception cref="InvalidDataException">A profile lacks one of the three weights used.</exception>
    public static IReadOnlyList<NabProfile> Load(string profilesJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(profilesJsonPath));
        var profiles = new List<NabProfile>();
        foreach (var profile in document.RootElement.EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("CostMatrix", out var costs))
            {
                throw new InvalidDataException($"{profilesJsonPath}: profile '{profile.Name}' has no CostMatrix");
            }

            profiles.Add(new NabProfile(
                profile.Name,
                Weight(costs, "tpWeight", profilesJsonPath, profile.Name),
                Weight(costs, "fpWeight", profilesJsonPath, profile.Name),
                Weight(costs, "fnWeight", profilesJsonPath, profile.Name)));
        }

        return profiles;
    }

    private static double Weight(JsonElement costs, string name, string path, string profile) =>
        costs.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidDataException($"{path}: profile '{profile}' has no numeric {name}");
}
