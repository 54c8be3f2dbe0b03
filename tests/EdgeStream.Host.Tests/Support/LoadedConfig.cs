using System.Collections;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Tests.Support;

/// <summary>A config file loaded as the host loads it (schema check, binding, paths, every area's rules).</summary>
internal static class LoadedConfig
{
    /// <summary>The validated options; throws what start-up would (ConfigurationException, OptionsValidationException).</summary>
    public static EdgeStreamOptions Of(TempConfig config, IDictionary? environment = null, string[]? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = EdgeStreamHostBuilder.Create(new ConfigRequest(config.Path, overrides ?? []), environment: environment ?? new Hashtable());
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<EdgeStreamOptions>>().Value;
    }
}
