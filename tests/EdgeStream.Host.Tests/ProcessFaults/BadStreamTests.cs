using System.Text.Json;
using EdgeStream.Host.Tests.Support;
using EdgeStream.Host.Tests.Systemd;

namespace EdgeStream.Host.Tests.ProcessFaults;

/// <summary>
/// The live service (<c>edgestream run</c> as a process) with one undecodable clip beside a good sensor stream: the bad
/// stream goes offline with a reason naming the file, the process keeps running and the good stream keeps publishing.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class BadStreamTests(ITestOutputHelper output)
{
    private const string Device = "bad-stream";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_CorruptClipBesideGoodCsv_ClipOfflineWithReasonAndCsvKeepsPublishing()
    {
        using var work = new TempConfig("{}");
        var corrupt = work.AddFile("corrupt.mp4", "this is not a video, only text pretending to be one");
        await using var broker = await InProcessBroker.StartAsync(Device);
        File.WriteAllText(work.Path, Config(broker.Port, corrupt));
        var info = TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--config", work.Path);
        info.Environment["STATE_DIRECTORY"] = work.Directory;
        info.Environment.Remove("NOTIFY_SOCKET");
        using var process = ProcessLines.Start(info);

        var status = $"edgestream/{Device}/bad/status";
        // Offline with the file in the reason: a stream is also offline ("starting") before its source opens anything.
        await WaitUntilAsync(() => broker.Latest(status) is { } s && Health(s) == "offline" && Reason(s)?.Contains(corrupt, StringComparison.Ordinal) == true, "the bad stream's status offline, naming the file", process);
        var offline = broker.Latest(status)!;
        var seen = broker.EventsOf("pump1");
        await WaitUntilAsync(() => broker.EventsOf("pump1") >= seen + 3, "three more pump1 events after the bad stream went offline", process);

        output.WriteLine($"bad stream status: {offline}\npump1 events: {broker.EventsOf("pump1")}");
        Assert.False(process.HasExited, process.Transcript);
        Assert.Contains(corrupt, JsonDocument.Parse(offline).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(process.Stdout.Concat(process.Stderr), l => l.Contains(corrupt, StringComparison.Ordinal));
        Assert.DoesNotContain(process.Stderr, l => l.Contains("   at ", StringComparison.Ordinal)); // a source that gives up is not a bug: no stack trace
        EdgeStreamProcess.Terminate(process);
        var exit = await process.WaitForExitAsync(Patience);
        Assert.True(exit == 0, $"a bad stream is bad input, not a failure of the service; exit code {exit}\n{process.Transcript}");
    }

    private static string? Health(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("health").GetString();

    private static string? Reason(string payload) => JsonDocument.Parse(payload).RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    private static async Task WaitUntilAsync(Func<bool> condition, string what, ProcessLines process)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"not reached: {what}\n{process.Transcript}");
            }

            await Task.Delay(250);
        }
    }

    private static string Config(int port, string corrupt)
    {
        var csv = Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv");
        return JsonSerializer.Serialize(new
        {
            EdgeStream = new
            {
                Device,
                Models = new
                {
                    action = new { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "action") },
                    anomaly = new { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "anomaly") },
                },
                Streams = new[]
                {
                    new { Id = "bad", Uri = corrupt, Model = "action", Loop = true, Pacing = "realtime" },
                    new { Id = "pump1", Uri = $"csv:{csv}?speed=1000", Model = "anomaly", Loop = true, Pacing = "realtime" },
                },
                Mqtt = new { Broker = $"mqtt://127.0.0.1:{port}" },
                Sinks = new { Console = false },
            },
        });
    }
}
