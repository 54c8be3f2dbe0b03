using EdgeStream.Core.Models;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Cli;

/// <summary>
/// The one place where start-up failures become a clear message and an exit code: bad configuration,
/// missing or corrupt models. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class StartupErrors
{
    public static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (ConfigurationException e)
        {
            await WriteAsync(error, "configuration error", e.Problems);
        }
        catch (OptionsValidationException e)
        {
            await WriteAsync(error, "configuration error", [.. e.Failures]);
        }
        catch (ModelLoadException e)
        {
            await WriteAsync(error, "model error", [e.Message]);
        }
        catch (StartupException e)
        {
            await WriteAsync(error, "start-up error", [e.Message]);
        }

        return ExitCodes.StartupError;
    }

    private static async Task WriteAsync(TextWriter error, string kind, IReadOnlyList<string> problems)
    {
        await error.WriteLineAsync($"edgestream: {kind}:");
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("  " + problem);
        }
    }
}
