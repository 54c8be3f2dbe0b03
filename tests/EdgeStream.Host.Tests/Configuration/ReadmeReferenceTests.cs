using System.Reflection;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Configuration;

/// <summary>The README's config reference names every key the host accepts, so it cannot fall behind the options classes.</summary>
public sealed class ReadmeReferenceTests
{
    [Fact]
    public void Readme_ConfigReference_NamesEveryOptionsKey()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "README.md"));
        var missing = new List<string>();
        foreach (var (section, type) in ConfigSchema.Sections)
        {
            Collect(section, type, readme, missing, []);
        }

        Assert.True(missing.Count == 0, "README.md lacks these config keys: " + string.Join(", ", missing));
    }

    private static void Collect(string path, Type type, string readme, List<string> missing, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (!readme.Contains($"`{property.Name}`", StringComparison.Ordinal))
            {
                missing.Add($"{path}:{property.Name}");
            }

            var inner = OptionsType(property.PropertyType);
            if (inner is not null)
            {
                Collect($"{path}:{property.Name}", inner, readme, missing, seen);
            }
        }
    }

    /// <summary>The options class a property holds directly, in a list, or as dictionary values; null for plain values.</summary>
    private static Type? OptionsType(Type type)
    {
        if (type.IsGenericType)
        {
            type = type.GetGenericArguments()[^1];
        }

        return type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("EdgeStream", StringComparison.Ordinal) == true ? type : null;
    }
}
