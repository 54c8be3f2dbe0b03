using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Configuration;

/// <summary>
/// Stream settings the model's manifest rules out, and a config without streams: exit code 2 with a message naming
/// the key and the fix, before anything opens. Each of these ended in an ArgumentException's stack trace before.
/// </summary>
public sealed class StreamModelRulesTests
{
    private static readonly string ActionModel = Path.Combine(TestEnvironment.RepoRoot, "models", "action");
    private static readonly string AnomalyModel = Path.Combine(TestEnvironment.RepoRoot, "models", "anomaly");

    [Fact]
    public async Task Run_WindowLengthOtherThanTheModelsWindow_ExitsTwoNamingTheKeyAndTheFix()
    {
        using var config = Config(ActionModel, """, "WindowLength": 8""");

        var (exit, error) = await RunAsync(config);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Streams:0:WindowLength: 8 differs from model", error, StringComparison.Ordinal);
        Assert.Contains("fixed window of 16 steps; remove the key or set it to 16", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ActionThresholdAboveOne_ExitsTwoNamingTheKey()
    {
        using var config = Config(ActionModel, """, "Threshold": 5""");

        var (exit, error) = await RunAsync(config);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Streams:0:Threshold: 5 must be at most 1 for action model", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnomalyThresholdAboveOne_IsAccepted()
    {
        // An anomaly threshold is a z-score: 5 is a legitimate setting.
        using var config = Config(AnomalyModel, """, "Threshold": 5""");

        var options = LoadedConfig.Of(config);

        Assert.Equal(5, options.Streams[0].Threshold);
    }

    [Fact]
    public async Task Run_NoStreams_ExitsTwoSayingWhatToAdd()
    {
        using var config = new TempConfig("""{ "EdgeStream": { "Streams": [], "Mqtt": { "Enabled": false } } }""");

        var (exit, error) = await RunAsync(config);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Streams: no stream is configured; add one with an Id, a Uri and a Model", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static TempConfig Config(string model, string streamExtra)
    {
        var config = new TempConfig($$"""
            {
              "EdgeStream": {
                "Models": { "m": { "Path": "{{model}}" } },
                "Streams": [ { "Id": "cam1", "Uri": "clip.mp4", "Model": "m"{{streamExtra}} } ],
                "Mqtt": { "Enabled": false }
              }
            }
            """);
        config.AddFile("clip.mp4");
        return config;
    }
    private static async Task<(int Exit, string Error)> RunAsync(TempConfig config)
    {
        var (exit, _, error) = await CliRun.RunAsync("run", "--config", config.Path);
        return (exit, error);
    }
}
