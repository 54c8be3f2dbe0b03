using EdgeStream.Host.Cli;

namespace EdgeStream.Host.Tests.Support;

/// <summary>The <c>edgestream</c> command line run in this process, as a user types it, with what it printed.</summary>
internal static class CliRun
{
    /// <summary>A config with one clip stream on a model folder (both made by <see cref="Files"/>), MQTT off.</summary>
    public const string MinimalConfig = """
        {
          "EdgeStream": {
            "Models": { "action": { "Path": "model" } },
            "Streams": [ { "Id": "cam1", "Uri": "clip.mp4", "Model": "action" } ],
            "Mqtt": { "Enabled": false }
          }
        }
        """;

    /// <summary><see cref="MinimalConfig"/> (or <paramref name="json"/>) with its model folder and clip file.</summary>
    public static TempConfig Files(string json = MinimalConfig)
    {
        var config = new TempConfig(json);
        config.AddModelFolder("model");
        config.AddFile("clip.mp4");
        return config;
    }

    /// <summary>Runs the command line; a hang fails the test after two minutes instead of stalling the run.</summary>
    public static Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(2), args);

    /// <summary>Runs the command line with a longer limit (a whole benchmark corpus on a loaded 2-core machine).</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(TimeSpan limit, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await EdgeStreamCli.RunAsync(args, output, error).WaitAsync(limit);
        return (exit, output.ToString(), error.ToString());
    }
}
