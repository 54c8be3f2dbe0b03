using EdgeStream.Video.Capture;

namespace EdgeStream.Host.Configuration;

/// <summary>Which options type each config section binds to; <see cref="ConfigSchemaCheck"/> rejects everything else.</summary>
internal static class ConfigSchema
{
    public static IReadOnlyDictionary<string, Type> Sections { get; } = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [ConfigKeys.Section] = typeof(EdgeStreamOptions),
        [VideoSourceOptions.SectionName] = typeof(VideoSourceOptions),
    };
}
