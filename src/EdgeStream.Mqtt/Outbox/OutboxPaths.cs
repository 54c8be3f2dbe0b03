using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>Where the outbox file lives: a relative <see cref="OutboxOptions.Path"/> resolves against the state folder.</summary>
public static class OutboxPaths
{
    /// <summary>
    /// <c>$STATE_DIRECTORY</c> (systemd <c>StateDirectory=</c>; the first entry when it lists several), else
    /// <c>$XDG_STATE_HOME/edgestream</c>, else <c>~/.local/state/edgestream</c>.
    /// </summary>
    public static string StateDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("STATE_DIRECTORY") is { Length: > 0 } systemd)
        {
            return systemd.Split(':')[0];
        }

        if (environment("XDG_STATE_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "edgestream");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "edgestream");
    }

    public static string Resolve(OutboxOptions options, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.GetFullPath(options.Path, StateDirectory(environment));
    }
}
