using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace EdgeStream.Host.Systemd;

internal static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// EdgeStream's own systemd integration, in place of <c>Microsoft.Extensions.Hosting.Systemd</c>'s <c>AddSystemd</c>.
    /// That package sends READY=1 when the host has started and never WATCHDOG=1, and only when its parent process is
    /// systemd; here READY waits for warm models, WATCHDOG=1 follows the pipeline's progress, and the protocol is
    /// keyed on <c>NOTIFY_SOCKET</c> as <c>sd_notify</c> is, so tests can drive the real process. The default console
    /// lifetime already stops the host on SIGTERM. Under journald (<c>JOURNAL_STREAM</c> set) log lines carry
    /// syslog priorities, as <c>AddSystemd</c> would do.
    /// </summary>
    public static IServiceCollection AddEdgeStreamSystemd(this IServiceCollection services, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.TryAddSingleton<PipelineReadiness>();
        if (environment["JOURNAL_STREAM"] is string journal && journal.Length > 0)
        {
            services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Systemd);
        }

        var settings = NotifySettings.FromEnvironment(environment, Environment.ProcessId);
        if (settings.Socket is null)
        {
            return services;
        }

        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPipelineProbe, PipelineProbe>();
        services.AddHostedService<ServiceNotifier>();
        return services;
    }
}
