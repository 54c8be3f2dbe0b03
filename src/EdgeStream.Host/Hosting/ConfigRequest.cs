namespace EdgeStream.Host.Hosting;

/// <summary>What the command line says about configuration: the file (<c>--config</c>) and <c>--set KEY=VALUE</c> overrides.</summary>
internal sealed record ConfigRequest(string? ConfigPath, IReadOnlyList<string> Overrides)
{
    public static ConfigRequest Default { get; } = new(null, []);
}
