using EdgeStream.Mqtt.Options;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Relative paths in the configuration (model folders, clip and CSV files, TLS and password files, the JSONL sink) resolve against the folder of
/// the config file, wherever the process was started: the bundled config finds the bundled models next to
/// the executable, and <c>/etc/edgestream/edgestream.json</c> can say <c>models/action</c> for <c>/etc/edgestream/models/action</c>.
/// </summary>
internal sealed class ConfigPaths(ConfigFile file) : IPostConfigureOptions<EdgeStreamOptions>
{
    public void PostConfigure(string? name, EdgeStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var model in options.Models.Values)
        {
            if (model.Path.Length > 0)
            {
                model.Path = Path.GetFullPath(model.Path, file.Directory);
            }
        }

        foreach (var stream in options.Streams)
        {
            stream.Uri = StreamUri.Resolve(stream.Uri, file.Directory);
        }

        ResolveMqtt(options.Mqtt, file.Directory);
        options.Sinks.Jsonl = Resolve(options.Sinks.Jsonl, file.Directory);
    }

    public static void ResolveMqtt(MqttOptions mqtt, string directory)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        mqtt.CaFile = Resolve(mqtt.CaFile, directory);
        mqtt.ClientCertFile = Resolve(mqtt.ClientCertFile, directory);
        mqtt.ClientKeyFile = Resolve(mqtt.ClientKeyFile, directory);
        mqtt.PasswordFile = Resolve(mqtt.PasswordFile, directory);
    }

    private static string? Resolve(string? path, string directory) => string.IsNullOrEmpty(path) ? path : Path.GetFullPath(path, directory);
}

/// <summary>The config file in use; its folder anchors relative paths.</summary>
public sealed record ConfigFile(string Path)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? "/";
}
