using System.Globalization;

namespace EdgeStream.Host.Configuration;

/// <summary>Small checks that phrase their failure the same way: "KEY: value ... reason".</summary>
internal static class Rules
{
    public static void OneOf(string key, string? value, string[] allowed, List<string> problems)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{key}: '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    public static void AtLeast(string key, int? value, int minimum, List<string> problems)
    {
        if (value is { } v && v < minimum)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {v} must be at least {minimum}"));
        }
    }

    public static void Between(string key, int value, int minimum, int maximum, List<string> problems)
    {
        if (value < minimum || value > maximum)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {value} must be between {minimum} and {maximum}"));
        }
    }
}

/// <summary>Ids that become MQTT topic levels.</summary>
internal static class Names
{
    public static bool IsTopicSafe(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
