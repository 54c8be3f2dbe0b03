using System.Globalization;
using System.Text.Json;
using EdgeStream.Host.Tests.ProcessFaults;
using EdgeStream.Host.Tests.Support;
using EdgeStream.Host.Tests.Systemd;

namespace EdgeStream.Host.Tests.Soak;

/// <summary>
/// Soak (issue 4 item 7): the real <c>edgestream run</c> with five looped streams (three clips, two sensor CSVs), paced
/// in real time, the outbox on, publishing to a broker in this process. Its RSS, open handles and threads are sampled
/// from /proc and must stay flat (<see cref="Flatness"/>); every event it produced reaches the subscriber or is still
/// in the outbox. CI runs 60 s; set EDGESTREAM_SOAK_SECONDS for a long run (docs/reliability.md has the command and
/// the numbers of a 10-minute run).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const string Device = "soak";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    [Trait("Category", "Soak")]
    public async Task Run_FiveLoopedStreams_ResourcesFlatAndNoEventLost()
    {
        var duration = Duration();
        var interval = TimeSpan.FromSeconds(Math.Min(10, duration.TotalSeconds / 12));
        using var work = new TempConfig("{}");
        var jsonl = Path.Combine(work.Directory, "events.jsonl");
        var outbox = Path.Combine(work.Directory, "outbox.db");
        await using var broker = await InProcessBroker.StartAsync(Device);
        File.WriteAllText(work.Path, Config(broker.Port, jsonl, outbox));
        using var listener = NotifyListener.Bind();
        using var process = Start(work, listener);
        await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Patience, context: () => process.Transcript);

        var samples = new List<ResourceSample>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(interval);
            Assert.False(process.HasExited, $"edgestream exited during the soak\n{process.Transcript}");
            var sample = ResourceSample.Take(process.Id, clock.Elapsed, ProducedIds(jsonl).Count);
            samples.Add(sample);
            output.WriteLine(sample.ToString());
        }

        // Everything produced so far must arrive while the process still runs; then stop it as systemd would.
        var produced = ProducedIds(jsonl);
        await WaitUntilAsync(() => produced.All(broker.HasReceived), $"all {produced.Count} produced events received", process);
        EdgeStreamProcess.Terminate(process);
        var exit = await process.WaitForExitAsync(Patience);

        var all = ProducedIds(jsonl);
        var pending = OutboxFile.CommittedIds(outbox).ToHashSet(StringComparer.Ordinal);
        var lost = all.Where(id => !broker.HasReceived(id) && !pending.Contains(id)).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"produced {all.Count}, received {broker.Distinct} distinct in {broker.Deliveries} deliveries, left in the outbox for the next start {pending.Count}, lost {lost.Count}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first {samples[0]}\nlast  {samples[^1]}"));
        Assert.True(exit == 0, $"exit code {exit}\n{string.Join('\n', process.Stderr.Concat(process.Stdout).TakeLast(30))}");
        Assert.NotEmpty(produced);
        Assert.True(lost.Count == 0, $"lost: {string.Join(", ", lost.Take(20))}");
        var problems = Flatness.Problems(samples);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>EDGESTREAM_SOAK_SECONDS, default 60 (the CI run).</summary>
    private static TimeSpan Duration() =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("EDGESTREAM_SOAK_SECONDS") is { Length: > 0 } s ? double.Parse(s, CultureInfo.InvariantCulture) : 60);

    private static ProcessLines Start(TempConfig work, NotifyListener listener)
    {
        var info = TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--config", work.Path);
        info.Environment["NOTIFY_SOCKET"] = listener.Address;
        info.Environment["STATE_DIRECTORY"] = work.Directory;
        info.Environment.Remove("WATCHDOG_USEC");
        info.Environment.Remove("WATCHDOG_PID");
        return ProcessLines.Start(info);
    }

    /// <summary>Ids of the complete lines of the JSONL sink (the last line may be half written).</summary>
    private static List<string> ProducedIds(string jsonl)
    {
        if (!File.Exists(jsonl))
        {
            return [];
        }

        using var stream = new FileStream(jsonl, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n');
        return [.. lines.Take(lines.Length - 1).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];
    }

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

    private static string Config(int port, string jsonl, string outbox)
    {
        string Models(string name) => Path.Combine(TestEnvironment.RepoRoot, "models", name);
        string Clip(string name) => Path.Combine(TestEnvironment.Clips, name);
        string Csv(string name) => $"csv:{Path.Combine(TestEnvironment.Sensors, name)}?speed=20";
        return JsonSerializer.Serialize(new
        {
            EdgeStream = new
            {
                Device,
                Models = new Dictionary<string, object>
                {
                    ["action"] = new { Path = Models("action"), IgnoredLabels = new[] { "idle" } },
                    ["anomaly"] = new { Path = Models("anomaly") },
                    ["anomaly-univariate"] = new { Path = Models("anomaly-univariate") },
                },
                Streams = new[]
                {
                    new { Id = "cam1", Uri = Clip("walk_sit_stand_fall.mp4"), Model = "action", Loop = true, Pacing = "realtime" },
                    new { Id = "cam2", Uri = Clip("jump_squat.mp4"), Model = "action", Loop = true, Pacing = "realtime" },
                    new { Id = "cam3", Uri = Clip("wave_clap.avi"), Model = "action", Loop = true, Pacing = "realtime" },
                    new { Id = "pump1", Uri = Csv("pump_8ch_anomalies.csv"), Model = "anomaly", Loop = true, Pacing = "realtime" },
                    new { Id = "line1", Uri = Csv("univariate_anomalies.csv"), Model = "anomaly-univariate", Loop = true, Pacing = "realtime" },
                },
                Mqtt = new { Broker = $"mqtt://127.0.0.1:{port}" },
                Outbox = new { Path = outbox },
                Sinks = new { Console = false, Jsonl = jsonl },
            },
        });
    }
}
