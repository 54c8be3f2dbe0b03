using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Walks the configuration tree against the options types, like Frigate's config models that forbid
/// extra keys: every key must be a property (case-insensitive), every list key an index, every value
/// convertible to the property's type. Binding alone would silently ignore a misspelt key.
/// <c>sections</c> maps a section path to its options type: top-level sections (<c>EdgeStream</c>)
/// and sections bound to another type below them (<c>EdgeStream:Mqtt</c>, owned by an adapter project).
/// </summary>
internal sealed class ConfigSchemaCheck
{
    private readonly IReadOnlyDictionary<string, Type> _sections;
    private readonly List<string> _problems = [];

    private ConfigSchemaCheck(IReadOnlyDictionary<string, Type> sections) => _sections = sections;

    public static List<string> FindProblems(IConfiguration configuration, IReadOnlyDictionary<string, Type> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sections);
        var check = new ConfigSchemaCheck(sections);
        foreach (var child in configuration.GetChildren())
        {
            if (sections.TryGetValue(child.Key, out var type))
            {
                check.Walk(child, type);
            }
            else if (!child.Key.Equals(ConfigKeys.Logging, StringComparison.OrdinalIgnoreCase))
            {
                var top = sections.Keys.Where(k => !k.Contains(':', StringComparison.Ordinal)).Append(ConfigKeys.Logging);
                check._problems.Add($"{child.Path}: unknown key; the top level has {string.Join(", ", top)}");
            }
        }

        return check._problems;
    }

    private void Walk(IConfigurationSection section, Type type)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        if (ScalarValues.IsScalar(scalar))
        {
            ScalarValues.Check(section, scalar, _problems);
        }
        else if (CollectionTypes.DictionaryValue(type) is { } valueType)
        {
            CheckContainer(section);
            foreach (var child in section.GetChildren())
            {
                Walk(child, valueType);
            }
        }
        else if (CollectionTypes.ListElement(type) is { } elementType)
        {
            CheckContainer(section);
            foreach (var child in section.GetChildren())
            {
                if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    Walk(child, elementType);
                }
                else
                {
                    _problems.Add($"{child.Path}: expected a list index, found '{child.Key}' (write a JSON array)");
                }
            }
        }
        else
        {
            CheckContainer(section);
            WalkObject(section, type);
        }
    }

    private void WalkObject(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                Walk(child, property.PropertyType);
            }
            else if (_sections.TryGetValue(child.Path, out var extension))
            {
                Walk(child, extension);
            }
            else
            {
                var prefix = section.Path + ":";
                var extensions = _sections.Keys
                    .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !k[prefix.Length..].Contains(':', StringComparison.Ordinal))
                    .Select(k => k[prefix.Length..]);
                _problems.Add($"{child.Path}: unknown key; known keys here: {string.Join(", ", properties.Keys.Concat(extensions))}");
            }
        }
    }

    private void CheckContainer(IConfigurationSection section)
    {
        // An empty JSON object or array reaches us as an empty value; a real scalar here is a mistake.
        if (!string.IsNullOrEmpty(section.Value))
        {
            _problems.Add($"{section.Path}: expected an object or a list, found the value '{section.Value}'");
        }
    }
}
