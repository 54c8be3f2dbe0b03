using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeStream.Core.Models.Manifest;

/// <summary>
/// The JSON rules of the model contract: camelCase, enums as strings, comments and trailing commas tolerated,
/// unknown properties rejected (a misspelt key must not silently fall back to a default).
/// </summary>
public static class ManifestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads <paramref name="path"/> as <typeparamref name="T"/>; any JSON problem becomes a <see cref="ModelLoadException"/> naming the file, line and field.</summary>
    public static T Read<T>(string path, string what)
        where T : class
    {
        var display = DisplayPath.Of(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{display}: {what} not found.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw new ModelLoadException($"{display}: {what} is empty (the file holds 'null').");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is { } n ? $" (line {n + 1})" : "";
            throw new ModelLoadException($"{display}: invalid {what}{where}{line}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException($"{display}: cannot read {what}: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ModelLoadException($"{display}: cannot read {what}: {ex.Message}", ex);
        }
    }
}
