using System.Reflection;
using System.Text.Json;
using EdgeStream.Core.Models;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Composition;

/// <summary>
/// Every engine option written in a config file reaches the <see cref="EngineOptions"/> the host builds. The
/// <c>Gpu</c> section was once bound and validated, then dropped by <see cref="EngineCatalog"/>; this test walks the
/// engine options by reflection, so a property added later fails here until the config binds it and the catalog maps it.
/// </summary>
public sealed class EngineCatalogMappingTests
{
    private const string Model = "m";

    /// <summary>Keys the host checks against a list of choices: a probe value must be one of them.</summary>
    private static readonly Dictionary<string, string[]> Choices = new(StringComparer.Ordinal)
    {
        [nameof(EngineOptions.Provider)] = ModelOptionsRules.Providers,
        [nameof(EngineOptions.Layout)] = ModelOptionsRules.Layouts,
    };

    [Fact]
    public void EngineOptionsFor_EverySettableEngineOption_ArrivesFromTheConfigFile()
    {
        var probes = new List<Probe>();
        Collect(typeof(EngineOptions), new EngineOptions(), [], probes);
        using var config = new TempConfig(ConfigJson(probes));
        config.AddModelFolder("models/" + Model);
        config.AddFile("clip.mp4"); // a config needs a stream; this one is never opened

        var engine = EngineCatalog.EngineOptionsFor(Load(config).Models[Model]);

        var lost = probes.Where(p => Json(Read(engine, p.Path)) != Json(p.Value))
            .Select(p => $"{string.Join(":", p.Path)}: configured {Json(p.Value)}, engine got {Json(Read(engine, p.Path))}")
            .ToList();
        Assert.True(lost.Count == 0, "EdgeStream:Models:NAME settings that never reach the engine:\n" + string.Join("\n", lost));
        Assert.Contains(probes, p => p.Path[0] == nameof(EngineOptions.Gpu));
    }

    /// <summary>One leaf option: its path below the model's section and a valid value that is not its default.</summary>
    private sealed record Probe(IReadOnlyList<string> Path, object Value);

    private static void Collect(Type type, object defaults, List<string> path, List<Probe> probes)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var at = new List<string>(path) { property.Name };
            var current = property.GetValue(defaults);
            if (IsOptionsClass(property.PropertyType))
            {
                Collect(property.PropertyType, current ?? Activator.CreateInstance(property.PropertyType)!, at, probes);
            }
            else
            {
                probes.Add(new Probe(at, NotDefault(string.Join(":", at), property, current)));
            }
        }
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("EdgeStream", StringComparison.Ordinal) == true;

    /// <summary>A value the host accepts that differs from the default, so a setting that is not carried over shows.</summary>
    private static object NotDefault(string key, PropertyInfo property, object? current)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (Choices.TryGetValue(property.Name, out var choices))
        {
            return choices.First(c => !string.Equals(c, current as string, StringComparison.OrdinalIgnoreCase));
        }

        return type switch
        {
            _ when type == typeof(string) => "/probe/" + property.Name,
            _ when type == typeof(bool) => current is not true,
            _ when type == typeof(int) => (int)(current ?? 0) + 3,
            _ when type == typeof(double) => (double)(current ?? 0) + 1.5,
            _ when type == typeof(List<int>) => new List<int> { 2, 3 },
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current)),
            _ => throw new InvalidOperationException($"{key}: no probe value for a {type.Name}; teach {nameof(EngineCatalogMappingTests)} one"),
        };
    }

    private static string ConfigJson(List<Probe> probes)
    {
        var model = new Dictionary<string, object> { ["Path"] = "models/" + Model };
        foreach (var probe in probes)
        {
            var section = model;
            foreach (var name in probe.Path.SkipLast(1))
            {
                section = (Dictionary<string, object>)(section.TryGetValue(name, out var inner) ? inner : section[name] = new Dictionary<string, object>());
            }

            section[probe.Path[^1]] = probe.Value;
        }

        var root = new Dictionary<string, object>
        {
            ["EdgeStream"] = new Dictionary<string, object>
            {
                ["Device"] = "box-1",
                ["Models"] = new Dictionary<string, object> { [Model] = model },
                ["Streams"] = new[] { new Dictionary<string, object> { ["Id"] = "cam1", ["Uri"] = "clip.mp4", ["Model"] = Model } },
                ["Mqtt"] = new Dictionary<string, object> { ["Enabled"] = false },
            },
        };
        return JsonSerializer.Serialize(root);
    }

    private static object? Read(object options, IReadOnlyList<string> path)
    {
        object? value = options;
        foreach (var name in path)
        {
            value = value?.GetType().GetProperty(name)!.GetValue(value);
        }

        return value;
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    /// <summary>The host's own path: schema check of the file, binding, relative paths, validation.</summary>
    private static EdgeStreamOptions Load(TempConfig config) => LoadedConfig.Of(config);
}
