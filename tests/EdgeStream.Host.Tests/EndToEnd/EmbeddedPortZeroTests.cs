using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.EndToEnd;

/// <summary>
/// <c>Mqtt:EmbeddedPort=0</c> (any free port) with an <c>mqtt:</c> sensor stream: the stream dials the port the
/// embedded broker really listens on and comes online. It used to dial port 0 and stay offline.
/// </summary>
public sealed class EmbeddedPortZeroTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_EmbeddedPortZero_MqttSensorStreamComesOnline()
    {
        using var config = new TempConfig($$"""
            {
              "EdgeStream": {
                "Device": "port0",
                "Models": { "anomaly": { "Path": "{{Path.Combine(TestEnvironment.RepoRoot, "models", "anomaly")}}" } },
                "Streams": [ { "Id": "pump1", "Uri": "mqtt:plant/pump1", "Model": "anomaly" } ],
                "Mqtt": { "EmbeddedPort": 0 }
              }
            }
            """);
        var info = TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--config", config.Path);
        info.Environment.Remove("NOTIFY_SOCKET");
        using var run = ProcessLines.Start(info, config.Directory);
        try
        {
            var online = await run.WaitForLineAsync(l => l.Contains(" pump1 online", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            output.WriteLine(online);

            run.Interrupt();
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(1)));
            Assert.DoesNotContain(run.Stdout, l => l.Contains("mqtt://127.0.0.1:0", StringComparison.Ordinal));
        }
        finally
        {
            output.WriteLine(run.Transcript);
        }
    }
}
