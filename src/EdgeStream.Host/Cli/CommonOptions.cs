using System.CommandLine;
using EdgeStream.Host.Hosting;

namespace EdgeStream.Host.Cli;

/// <summary>Options shared by the commands that read the configuration.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Config file (default: ./appsettings.json, then /etc/edgestream/edgestream.json, then the bundled one next to the executable)",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a config key, e.g. --set Device=gate-1 --set Streams:0:Pacing=fast (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log debug detail to stderr" };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Set);
        command.Options.Add(Verbose);
    }

    public ConfigRequest Request(ParseResult result) => new(result.GetValue(Config), result.GetValue(Set) ?? []);
}
