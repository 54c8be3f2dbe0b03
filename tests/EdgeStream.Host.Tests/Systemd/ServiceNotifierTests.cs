using System.Collections;
using EdgeStream.Host.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>The notifier inside a real generic host, talking to a real unix datagram socket.</summary>
public sealed class ServiceNotifierTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StartedAsync_SlowStartingService_ReadyOnlyAfterItStarted()
    {
        using var listener = NotifyListener.Bind();
        using var host = Host(listener, new ControlledProbe(), watchdogUsec: null, out var gate);
        var running = host.StartAsync();

        var starting = await listener.WaitForAsync(d => NotifyListener.Status(d)?.StartsWith("starting", StringComparison.Ordinal) == true, Patience);
        gate.Release.SetResult();
        await running;
        var ready = await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Patience);

        // The slow service said it finished starting (its own datagram) before READY=1 went out.
        var finished = listener.Datagrams.ToList().FindIndex(d => d == GateService.Finished);
        Assert.True(starting < finished && finished < ready, listener.Transcript);
        Assert.Equal("ready: controlled", NotifyListener.Status(listener.Datagrams[ready]));
        await host.StopAsync();
    }

    [Fact]
    public async Task WatchdogLoop_ProgressThenStallThenProgress_PingsOnlyWhileProgressing()
    {
        using var listener = NotifyListener.Bind(abstractNamespace: true);
        var probe = new ControlledProbe();
        using var host = Host(listener, probe, watchdogUsec: 200_000, out var gate);
        gate.Release.SetResult();
        await host.StartAsync();

        var ready = await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Patience);
        await listener.WaitForAsync(d => NotifyListener.Has(d, "WATCHDOG=1"), Patience, ready);

        probe.Flowing = false;
        var stalled = await listener.WaitForAsync(IsStalled, Patience);

        // Every later interval is judged stalled again and carries no ping.
        var later = await listener.WaitForAsync(IsStalled, Patience, stalled + 4);
        var afterStall = listener.Datagrams.Skip(stalled).Take(later - stalled + 1).ToList();
        Assert.All(afterStall, d => Assert.False(NotifyListener.Has(d, "WATCHDOG=1"), listener.Transcript));
        Assert.All(afterStall, d => Assert.True(IsStalled(d), listener.Transcript));

        probe.Flowing = true;
        await listener.WaitForAsync(d => NotifyListener.Has(d, "WATCHDOG=1"), Patience, later);

        await host.StopAsync();
        var stopping = await listener.WaitForAsync(d => NotifyListener.Has(d, "STOPPING=1"), Patience);
        Assert.StartsWith("stopping", NotifyListener.Status(listener.Datagrams[stopping]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchdogLoop_NoWatchdogRequested_StatusEveryFiveSecondsWithoutPings()
    {
        using var listener = NotifyListener.Bind();
        using var host = Host(listener, new ControlledProbe(), watchdogUsec: null, out var gate);
        gate.Release.SetResult();
        await host.StartAsync();

        var ready = await listener.WaitForAsync(d => NotifyListener.Has(d, "READY=1"), Patience);
        var running = await listener.WaitForAsync(d => NotifyListener.Status(d)?.StartsWith("running", StringComparison.Ordinal) == true, Patience, ready);
        await host.StopAsync();

        Assert.DoesNotContain(listener.Datagrams, d => NotifyListener.Has(d, "WATCHDOG=1"));
        Assert.Contains("1/1 stream(s) producing", NotifyListener.Status(listener.Datagrams[running]), StringComparison.Ordinal);
    }

    [Fact]
    public void AddEdgeStreamSystemd_NoNotifySocket_RegistersNoNotifier()
    {
        var services = new ServiceCollection();

        services.AddEdgeStreamSystemd(new Hashtable { ["WATCHDOG_USEC"] = "1000000" });

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(ServiceNotifier));
        Assert.Contains(services, d => d.ServiceType == typeof(PipelineReadiness));
    }

    [Theory]
    [InlineData("8:12345", "systemd")]
    [InlineData(null, null)]
    public void AddEdgeStreamSystemd_UnderJournald_SystemdLogFormat(string? journal, string? formatter)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole());
        var environment = new Hashtable();
        if (journal is not null)
        {
            environment["JOURNAL_STREAM"] = journal;
        }

        services.AddEdgeStreamSystemd(environment);

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value;
        Assert.Equal(formatter ?? ConsoleFormatterNames.Simple, options.FormatterName);
    }

    private static bool IsStalled(string datagram) => NotifyListener.Status(datagram)?.StartsWith("stalled", StringComparison.Ordinal) == true;

    private static IHost Host(NotifyListener listener, IPipelineProbe probe, long? watchdogUsec, out GateService gate)
    {
        var environment = new Hashtable { ["NOTIFY_SOCKET"] = listener.Address };
        if (watchdogUsec is { } usec)
        {
            environment["WATCHDOG_USEC"] = usec.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        gate = new GateService(listener.Address);
        builder.Services.AddSingleton<IHostedService>(gate);
        builder.Services.AddSingleton(probe);
        builder.Services.AddEdgeStreamSystemd(environment);
        return builder.Build();
    }
}
