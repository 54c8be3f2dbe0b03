using System.ComponentModel;
using Microsoft.Extensions.Configuration;

namespace EdgeStream.Host.Configuration;

/// <summary>Checks that a leaf value converts to its property's type, and says what was expected when it doesn't.</summary>
internal static class ScalarValues
{
    public static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);

    public static void Check(IConfigurationSection section, Type type, List<string> problems)
    {
        if (section.GetChildren().Any())
        {
            problems.Add($"{section.Path}: expected a single {Describe(type)} value, found an object or a list");
            return;
        }

        var value = section.Value;
        if (string.IsNullOrEmpty(value) || type == typeof(string))
        {
            return;
        }

        if (!Converts(value, type))
        {
            problems.Add($"{section.Path}: '{value}' is not a valid {Describe(type)}");
        }
    }

    private static bool Converts(string value, Type type)
    {
        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(TimeSpan) => "duration (hh:mm:ss)",
        _ when type.IsEnum => $"value, one of {string.Join(", ", Enum.GetNames(type))}",
        _ => type.Name,
    };
}
