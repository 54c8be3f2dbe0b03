using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Cli;

/// <summary>Bad config, missing or bad models: one clear message naming the key, exit code 2, nothing started.</summary>
public sealed class StartupErrorTests
{
    private const string Config = CliRun.MinimalConfig;

    [Fact]
    public async Task Run_UnknownKey_ExitsTwoNamingTheKey()
    {
        using var config = new TempConfig(Config.Replace("\"Model\": \"action\"", "\"Model\": \"action\", \"Loops\": true", StringComparison.Ordinal));
        config.AddModelFolder("model");
        config.AddFile("clip.mp4");

        var (exit, error) = await RunAsync("run", "--config", config.Path);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Streams:0:Loops: unknown key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingModelFolder_ExitsTwoNamingTheKey()
    {
        using var config = new TempConfig(Config);
        config.AddFile("clip.mp4");

        var (exit, error) = await RunAsync("run", "--config", config.Path);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Models:action:Path: model folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadManifest_ExitsTwoNamingTheModelAndField()
    {
        using var config = new TempConfig(Config);
        config.AddFile("clip.mp4");
        config.AddFile("model/manifest.json", """{ "formatVersion": 1, "name": "broken", "task": "action" }""");

        var (exit, error) = await RunAsync("run", "--config", config.Path);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("model error", error, StringComparison.Ordinal);
        Assert.Contains("EdgeStream:Models:action:", error, StringComparison.Ordinal);
        Assert.Contains("manifest.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsVerify_BundledModels_PassesEveryVariantAndLayout()
    {
        var models = Path.Combine(TestEnvironment.RepoRoot, "models");

        var (exit, output, error) = await RunWithOutputAsync("models", "verify", models);

        Assert.True(exit == ExitCodes.Ok, output + error);
        Assert.DoesNotContain("fail", output, StringComparison.Ordinal);
        Assert.Contains("action", output, StringComparison.Ordinal);
    }
    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var (exit, _, error) = await CliRun.RunAsync(args);
        return (exit, error);
    }

    private static Task<(int Exit, string Output, string Error)> RunWithOutputAsync(params string[] args) => CliRun.RunAsync(args);
}
