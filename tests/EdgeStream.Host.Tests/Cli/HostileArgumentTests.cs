using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Cli;

/// <summary>
/// Secrets where every local user can read them (a command line, a broker URL) and counts that make no sense: exit
/// code 2 with a message naming the key and the fix, the secret never echoed, no stack trace.
/// </summary>
public sealed class HostileArgumentTests
{
    private const string Secret = "hunter2-not-for-logs";

    [Fact]
    public async Task Run_PasswordInASetOverride_ExitsTwoWithoutEchoingIt()
    {
        using var config = CliRun.Files();

        var (exit, _, error) = await CliRun.RunAsync("run", "--config", config.Path, "--set", $"Mqtt:Password={Secret}");

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("--set EdgeStream:Mqtt:Password: secrets are not read from the command line", error, StringComparison.Ordinal);
        Assert.Contains("EDGESTREAM__MQTT__PASSWORD", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CredentialsInTheBrokerUrl_ExitsTwoWithoutEchoingThem()
    {
        using var config = CliRun.Files();

        var (exit, _, error) = await CliRun.RunAsync("run", "--config", config.Path, "--set", $"Mqtt:Broker=mqtt://edge:{Secret}@127.0.0.1:1883");

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains("EdgeStream:Mqtt:Broker: a user name or password in the broker URL is refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frames", "0")]
    [InlineData("--runs", "0")]
    public async Task Bench_ACountBelowOne_ExitsTwoNamingTheOption(string option, string value)
    {
        var (exit, _, error) = await CliRun.RunAsync("bench", Path.Combine(TestEnvironment.Clips, "walk_sit_stand_fall.mp4"), option, value);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains($"{option}: {value} must be at least 1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
