using System.Collections;
using Microsoft.Extensions.Configuration;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Secrets (the MQTT password) come only from the environment (<c>EDGESTREAM__MQTT__PASSWORD</c>) or a systemd
/// credential (<c>LoadCredential=mqtt-password:...</c>, read from <c>$CREDENTIALS_DIRECTORY</c>). A config file is
/// world-readable too often, so a secret found in one stops start-up; secrets are never logged.
/// </summary>
internal static class Secrets
{
    public const string MqttPasswordKey = ConfigKeys.Section + ":Mqtt:Password";
    public const string MqttPasswordCredential = "mqtt-password";
    private static readonly string[] SecretNames = ["Password"];

    public static Dictionary<string, string?> FromCredentials(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (environment["CREDENTIALS_DIRECTORY"] is string directory && directory.Length > 0)
        {
            var file = Path.Combine(directory, MqttPasswordCredential);
            if (File.Exists(file))
            {
                values[MqttPasswordKey] = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
        }

        return values;
    }

    public static IEnumerable<string> FindInFile(ConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fromFile = new ConfigurationBuilder().AddJsonFile(file.Path, optional: false).Build();
        return fromFile.AsEnumerable()
            .Where(pair => SecretNames.Contains(pair.Key.Split(':')[^1], StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(pair.Value))
            .Select(pair => $"{pair.Key}: secrets are not read from config files ({file.Path}); {WhereToSet(pair.Key)}");
    }

    /// <summary>
    /// <c>--set ...Password=...</c> is refused as a config file's is: a command line is readable by every local user
    /// (<c>/proc/PID/cmdline</c>, <c>ps</c>). The value is never echoed.
    /// </summary>
    public static IEnumerable<string> FindInOverrides(IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides
            .Where(pair => SecretNames.Contains(pair.Key.Split(':')[^1], StringComparer.OrdinalIgnoreCase) && !string.IsNullOrEmpty(pair.Value))
            .Select(pair => $"--set {pair.Key}: secrets are not read from the command line (every local user can read it in /proc); {WhereToSet(pair.Key)}");
    }

    private static string WhereToSet(string key) =>
        $"set EDGESTREAM__{key[(ConfigKeys.Section.Length + 1)..].Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}, the systemd credential {MqttPasswordCredential} or Mqtt:PasswordFile";
}
