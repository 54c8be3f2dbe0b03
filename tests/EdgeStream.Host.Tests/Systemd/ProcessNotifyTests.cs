using System.Text.Json;
using EdgeStream.Host.Tests.ProcessFaults;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// The real <c>edgestream run</c> process against a real notify socket: READY=1 once the models are warm,
/// WATCHDOG=1 while steps flow, none while the only stream stalls, STOPPING=1 on SIGTERM, then exit 0.
/// </summary>
[Collection(EdgeStreamProcesses.Name)]
public sealed class ProcessNotifyTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Run_LoopingSensorReplay_ReadyAfterWarmupThenPingsThenStopping()
    {
        var csv = Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv");
        using var config = new TempConfig(Config(
            new { anomaly = new { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "anomaly") } },
            new { Id = "pump1", Uri = $"csv:{csv}?speed=20", Model = "anomaly", Loop = true, Pacing = "realtime" }));
        using var listener = NotifyListener.Bind();
        using var process = EdgeStreamProcess.Run(config.Path, listener, Watchdog, config.Directory);

        var ready = await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Startup, context: () => process.Transcript);
        var status = NotifyListener.Status(listener.Datagrams[ready]);
        Assert.StartsWith("ready: 1 stream(s), models warm: sensor-cnn-lstm-attention-forecaster", status, StringComparison.Ordinal);
        Assert.DoesNotContain(listener.Datagrams.Take(ready), d => NotifyListener.Has(d, "WATCHDOG=1"));

        var ping = ready;
        for (var i = 0; i < 3; i++)
        {
            ping = await listener.WaitForAsync(d => NotifyListener.Has(d, "WATCHDOG=1"), Patience, ping + 1, () => process.Transcript);
        }

        Assert.StartsWith("running", NotifyListener.Status(listener.Datagrams[ping]), StringComparison.Ordinal);
        EdgeStreamProcess.Terminate(process);
        await listener.WaitForAsync(d => NotifyListener.Has(d, "STOPPING=1"), Patience, ping, () => process.Transcript);
        Assert.Equal(0, await process.WaitForExitAsync(Patience));
        Assert.Contains(process.Stderr, l => l.Contains("Model sensor-cnn-lstm-attention-forecaster warm: one inference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_PipeSourceStopsProducing_NoPingWhileStalled()
    {
        using var config = new TempConfig("{}");
        var flag = config.AddFile("producing");

        // Frames of the action model's input (64x64 bgr24) while the flag file exists, then silence with the
        // pipe open, as a hung camera would; the source's own stall timeout is set far beyond the test.
        var command = $"pipe:while [ -e '{flag}' ]; do head -c 12288 /dev/zero; sleep 0.05; done; exec sleep 600";
        File.WriteAllText(config.Path, Config(
            new { action = new { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "action") } },
            new { Id = "cam1", Uri = command, Model = "action" },
            video: new { StallTimeoutSeconds = 3600 }));
        using var listener = NotifyListener.Bind(abstractNamespace: true);
        using var process = EdgeStreamProcess.Run(config.Path, listener, Watchdog, config.Directory);

        var ready = await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Startup, context: () => process.Transcript);
        var ping = await listener.WaitForAsync(d => NotifyListener.Has(d, "WATCHDOG=1"), Patience, ready, () => process.Transcript);
        File.Delete(flag);

        var stalled = await listener.WaitForAsync(IsStalled, Patience, ping, () => process.Transcript);
        var later = await listener.WaitForAsync(IsStalled, Patience, stalled + 3, () => process.Transcript);
        var whileStalled = listener.Datagrams.Skip(stalled).Take(later - stalled + 1).ToList();
        Assert.All(whileStalled, d => Assert.False(NotifyListener.Has(d, "WATCHDOG=1"), listener.Transcript));
        Assert.All(whileStalled, d => Assert.True(IsStalled(d), listener.Transcript));
        Assert.Contains(process.Stderr, l => l.Contains("Watchdog: no progress", StringComparison.Ordinal));

        EdgeStreamProcess.Terminate(process);
        await listener.WaitForAsync(d => NotifyListener.Has(d, "STOPPING=1"), Patience, later, () => process.Transcript);
        Assert.Equal(0, await process.WaitForExitAsync(Patience));
    }

    private static bool IsStalled(string datagram) => NotifyListener.Status(datagram)?.StartsWith("stalled: no step", StringComparison.Ordinal) == true;

    private static string Config(object models, object stream, object? video = null) => JsonSerializer.Serialize(new
    {
        EdgeStream = new
        {
            Device = "systemd-test",
            Models = models,
            Streams = new[] { stream },
            Mqtt = new { Enabled = false },
            Video = video ?? new { },
        },
    });
}
