using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.EndToEnd;

/// <summary>
/// The README's first command: the executable on its bundled default config (sample clip looped as a camera, sample
/// sensor file, bundled models, in-process broker, console sink). Events appear within seconds; Ctrl-C drains and exits 0.
/// </summary>
public sealed class ReadmeFirstCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_DefaultConfig_PrintsEventsAndExitsZeroOnSigint()
    {
        var cwd = Directory.CreateTempSubdirectory("edgestream-run-").FullName;

        // Port 0: the embedded broker takes any free port, so the test never collides with a broker on 1883.
        using var run = ProcessLines.Start(TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--set", "Mqtt:EmbeddedPort=0"), cwd);
        try
        {
            var first = await run.WaitForLineAsync(l => l.Contains(" cam1 START ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            output.WriteLine("first event: " + first);

            run.Interrupt();
            var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

            output.WriteLine(run.Transcript);
            Assert.Equal(0, exit);
            Assert.Contains(run.Stderr, l => l.Contains("Pipeline drained", StringComparison.Ordinal));
            Assert.Contains(run.Stdout, l => l.Contains(" pump1 ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(cwd, recursive: true);
        }
    }
}
