namespace EdgeStream.Host.Configuration;

/// <summary>
/// Picks the one config file: <c>--config PATH</c>; else <c>appsettings.json</c> in the current directory
/// (a local override while developing); else the system file <c>/etc/edgestream/edgestream.json</c>;
/// else the bundled <c>appsettings.json</c> next to the executable (the embedded defaults).
/// </summary>
internal static class ConfigFileLocator
{
    public const string DefaultFileName = "appsettings.json";
    public const string SystemPath = "/etc/edgestream/edgestream.json";

    public static string Locate(string? explicitPath, string currentDirectory, string baseDirectory, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath, currentDirectory);
            return exists(full) ? full : throw new ConfigurationException($"--config: file '{full}' not found");
        }

        string[] candidates = [Path.Combine(currentDirectory, DefaultFileName), SystemPath, Path.Combine(baseDirectory, DefaultFileName)];
        foreach (var candidate in candidates)
        {
            if (exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ConfigurationException(
            $"no config file: pass --config PATH, or put {DefaultFileName} in the current directory, or {SystemPath}");
    }
}
