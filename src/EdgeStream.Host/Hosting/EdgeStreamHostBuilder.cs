using System.Collections;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Systemd;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Hosting;

/// <summary>
/// The generic host every command starts from: one JSON config file, then systemd credentials, then
/// <c>EDGESTREAM__</c> environment variables, then <c>--set</c> overrides (later wins). Unknown keys and
/// values of the wrong type stop here, before binding; the rest is checked by <see cref="EdgeStreamOptionsValidator"/>
/// on start (<c>ValidateOnStart</c>). Logs go to stderr so stdout carries only events.
/// </summary>
internal static class EdgeStreamHostBuilder
{
    public static HostApplicationBuilder Create(ConfigRequest request, LogLevel minimumLevel = LogLevel.Information, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        environment ??= Environment.GetEnvironmentVariables();
        var file = new ConfigFile(ConfigFileLocator.Locate(request.ConfigPath, Environment.CurrentDirectory, AppContext.BaseDirectory, File.Exists));
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = file.Directory,
        });

        // Checked apart from the host's own keys (contentRoot, ...), then layered onto them.
        var overrides = OverridesSource.Parse(request.Overrides);
        var configuration = BuildConfiguration(file, overrides, environment);
        var problems = ConfigSchemaCheck.FindProblems(configuration, ConfigSchema.Sections);
        problems.AddRange(Secrets.FindInFile(file));
        problems.AddRange(Secrets.FindInOverrides(overrides));
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSingleton(file);
        ((IHostApplicationBuilder)builder).Properties[typeof(ConfigFile)] = file;
        builder.Services.AddOptions<EdgeStreamOptions>().Bind(builder.Configuration.GetSection(ConfigKeys.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IPostConfigureOptions<EdgeStreamOptions>, ConfigPaths>();
        builder.Services.AddSingleton<IValidateOptions<EdgeStreamOptions>, EdgeStreamOptionsValidator>();
        builder.Services.AddOptions<VideoSourceOptions>().Bind(builder.Configuration.GetSection(VideoSourceOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<VideoSourceOptions>, VideoOptionsValidator>();
        ConfigureLogging(builder, minimumLevel);
        builder.Services.AddEdgeStreamSystemd(environment);
        return builder;
    }

    /// <summary>The config file a builder from <see cref="Create"/> read.</summary>
    public static ConfigFile ConfigFile(this HostApplicationBuilder builder) =>
        (ConfigFile)((IHostApplicationBuilder)builder).Properties[typeof(ConfigFile)];

    private static IConfigurationRoot BuildConfiguration(ConfigFile file, Dictionary<string, string?> overrides, IDictionary environment)
    {
        var configuration = new ConfigurationBuilder();
        configuration.AddJsonFile(file.Path, optional: false, reloadOnChange: false);
        configuration.AddInMemoryCollection(Secrets.FromCredentials(environment));
        configuration.AddInMemoryCollection(EnvironmentVariablesSource.Read(environment));
        configuration.AddInMemoryCollection(overrides);
        try
        {
            return configuration.Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException($"{file.Path}: not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static void ConfigureLogging(HostApplicationBuilder builder, LogLevel minimumLevel)
    {
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // A start-up failure is printed once, plainly, by the command; the host would log it again with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Critical);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(ConfigKeys.Logging));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
