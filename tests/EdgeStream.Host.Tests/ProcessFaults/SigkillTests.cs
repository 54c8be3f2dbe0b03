using System.Diagnostics;
using System.Text.Json;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.ProcessFaults;

/// <summary>
/// The process dies without warning (SIGKILL: power cut, OOM killer, watchdog kill) while the broker is away: every event
/// the outbox committed before the kill is delivered after a restart with the broker back (docs/reliability.md).
/// </summary>
[Collection(EdgeStreamProcesses.Name)]
public sealed class SigkillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [MosquittoFact]
    public async Task SigkillWithBrokerDown_RestartWithBrokerUp_EveryCommittedEventDelivered()
    {
        using var work = new TempConfig("{}");
        var port = FreePort.Next();
        File.WriteAllText(work.Path, Config(port));
        var outbox = Path.Combine(work.Directory, "edgestream-outbox.db");

        // 1. Broker down: events pile up in the outbox; kill -9 while the pipeline is still producing.
        List<string> committed;
        using (var first = Start(work))
        {
            await WaitUntilAsync(() => OutboxFile.CommittedIds(outbox).Count >= 4, "4 events committed to the outbox", first);
            Kill(first);
            await first.WaitForExitAsync(Patience);
            committed = [.. OutboxFile.CommittedIds(outbox)];
            output.WriteLine($"killed with {committed.Count} events committed; first run stderr tail:\n{string.Join('\n', first.Stderr.TakeLast(15))}");
        }

        // 2. Broker up, a subscriber listening, the same state folder: the backlog drains.
        await using var broker = await MosquittoBroker.StartAsync(port);
        using var subscriber = ProcessLines.Start(new ProcessStartInfo(Tools.Which("mosquitto_sub"),
            ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-i", "kill-test-sub", "-t", "edgestream/kill-test/+/events"]));
        await broker.WaitForLogAsync("kill-test-sub", "edgestream/kill-test/+/events");
        using var second = Start(work);
        var received = new HashSet<string>(StringComparer.Ordinal);
        await WaitUntilAsync(
            () =>
            {
                received.UnionWith(subscriber.Stdout.Select(IdOf));
                return committed.All(received.Contains);
            },
            $"all {committed.Count} committed events delivered",
            second);

        Systemd.EdgeStreamProcess.Terminate(second);
        Assert.Equal(0, await second.WaitForExitAsync(Patience));
        output.WriteLine($"{committed.Count} committed before the kill, {received.Count} distinct events received after the restart");
        Assert.NotEmpty(committed);
        var lost = committed.Where(id => !received.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"lost: {string.Join(", ", lost)}");
    }

    private static ProcessLines Start(TempConfig work)
    {
        var info = TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--config", work.Path);
        info.Environment["STATE_DIRECTORY"] = work.Directory;
        info.Environment.Remove("NOTIFY_SOCKET");
        return ProcessLines.Start(info);
    }

    private static void Kill(ProcessLines process)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static string IdOf(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString()!;

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

    private static string Config(int port)
    {
        var csv = Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv");
        return JsonSerializer.Serialize(new
        {
            EdgeStream = new
            {
                Device = "kill-test",
                Models = new { anomaly = new { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "anomaly") } },
                Streams = new[] { new { Id = "pump1", Uri = $"csv:{csv}?speed=1000", Model = "anomaly", Loop = true, Pacing = "realtime" } },
                Mqtt = new { Broker = $"mqtt://127.0.0.1:{port}", ReconnectMinSeconds = 0.5, ReconnectMaxSeconds = 2, PublishTimeoutSeconds = 5 },
                Sinks = new { Console = false },

                // Lossless: a loaded test machine slows the run down instead of dropping steps (and with them events).
                Pipeline = new { Lossless = true },
            },
        });
    }
}
