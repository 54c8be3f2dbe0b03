namespace EdgeStream.Mqtt.Options;

/// <summary>
/// Rules for <see cref="MqttOptions"/>, in the style of every options area: each problem is added to
/// <c>problems</c> as "KEY: value ... reason", so start-up can list them all at once, each naming its key.
/// </summary>
public static class MqttOptionsRules
{
    /// <summary>Adds a problem per bad value, its key under <paramref name="key"/> (e.g. <c>EdgeStream:Mqtt:Broker: ...</c>).</summary>
    public static void Check(string key, MqttOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (!string.Equals(options.Broker, MqttOptions.EmbeddedBroker, StringComparison.OrdinalIgnoreCase)
            && !(Uri.TryCreate(options.Broker, UriKind.Absolute, out var uri) && uri.Scheme is "mqtt" or "mqtts" && uri.Host.Length > 0))
        {
            problems.Add($"{key}:Broker: '{options.Broker}' is not 'embedded', mqtt://host[:port] or mqtts://host[:port]");
        }
        else if (Uri.TryCreate(options.Broker, UriKind.Absolute, out var withUser) && withUser.UserInfo.Length > 0)
        {
            // The URL is not echoed: it holds a password. Logs and /proc would show it, so it has no place there.
            problems.Add($"{key}:Broker: a user name or password in the broker URL is refused (it would show in logs); set {key}:Username, and the password through EDGESTREAM__MQTT__PASSWORD, the systemd credential mqtt-password or {key}:PasswordFile");
        }

        if (options.EmbeddedPort is < 0 or > 65535)
        {
            problems.Add($"{key}:EmbeddedPort: {options.EmbeddedPort} is not a TCP port (0-65535)");
        }

        var prefix = options.TopicPrefix;
        if (string.IsNullOrWhiteSpace(prefix) || prefix.IndexOfAny(['+', '#', '\0']) >= 0 || prefix.StartsWith('/') || prefix.EndsWith('/'))
        {
            problems.Add($"{key}:TopicPrefix: '{prefix}' must be non-empty, without + # and without a leading or trailing '/'");
        }

        if (options.ProtocolVersion is not ("5" or "3.1.1"))
        {
            problems.Add($"{key}:ProtocolVersion: '{options.ProtocolVersion}' must be 5 or 3.1.1");
        }

        if (options.MaxPayloadBytes is < 64 or > MqttOptions.LargestPayloadBytes)
        {
            problems.Add($"{key}:MaxPayloadBytes: {options.MaxPayloadBytes} must be between 64 and {MqttOptions.LargestPayloadBytes} (MQTT's largest packet, less room for the topic)");
        }

        Positive(problems, key, nameof(MqttOptions.PublishTimeoutSeconds), options.PublishTimeoutSeconds);
        Positive(problems, key, nameof(MqttOptions.KeepAliveSeconds), options.KeepAliveSeconds);
        Positive(problems, key, nameof(MqttOptions.ConnectTimeoutSeconds), options.ConnectTimeoutSeconds);
        Positive(problems, key, nameof(MqttOptions.ReconnectMinSeconds), options.ReconnectMinSeconds);
        if (options.ReconnectMaxSeconds < options.ReconnectMinSeconds)
        {
            problems.Add($"{key}:ReconnectMaxSeconds: {options.ReconnectMaxSeconds} is less than ReconnectMinSeconds ({options.ReconnectMinSeconds})");
        }

        Exists(problems, key, nameof(MqttOptions.CaFile), options.CaFile);
        Exists(problems, key, nameof(MqttOptions.ClientCertFile), options.ClientCertFile);
        Exists(problems, key, nameof(MqttOptions.ClientKeyFile), options.ClientKeyFile);
        Exists(problems, key, nameof(MqttOptions.PasswordFile), options.PasswordFile);
        if (options.ClientKeyFile is not null && options.ClientCertFile is null)
        {
            problems.Add($"{key}:ClientKeyFile: set ClientCertFile too");
        }
    }

    private static void Positive(List<string> problems, string key, string name, double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            problems.Add($"{key}:{name}: {value} must be a positive number of seconds");
        }
    }

    private static void Exists(List<string> problems, string key, string name, string? path)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            problems.Add($"{key}:{name}: file '{path}' not found");
        }
    }
}
