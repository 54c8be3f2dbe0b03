using System.Globalization;

namespace EdgeStream.Host.Cli;

/// <summary>
/// The last line of defence for every command: an exception nothing else handled (a bug, or a failure no rule
/// foresaw) becomes one line on stderr (what failed, and where the full report is) and exit code 1, instead of a
/// .NET stack trace. The report, with the stack trace, goes to a file only the user can read, because a stack trace
/// can hold paths and values from the configuration.
/// </summary>
internal static class CrashReport
{
    /// <summary>Writes the report and the one line; returns <see cref="ExitCodes.Failed"/>.</summary>
    public static async Task<int> WriteAsync(Exception failure, string[] args, TextWriter error, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(error);
        var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "edgestream";
        var where = Save(failure, command, folder ?? Path.GetTempPath());
        await error.WriteLineAsync(
            $"edgestream: {command} failed unexpectedly: {failure.GetType().Name}: {FirstLine(failure.Message)}. {where}");
        return ExitCodes.Failed;
    }

    private static string Save(Exception failure, string command, string folder)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(folder, $"edgestream-crash-{stamp}-{Environment.ProcessId}.txt");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new StreamWriter(path, System.Text.Encoding.UTF8, options);
            file.WriteLine($"edgestream {command}, {DateTimeOffset.UtcNow:O}, pid {Environment.ProcessId}");
            file.WriteLine(failure.ToString());
            return $"The full report is in {path}; please attach it to a bug report.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No report file: say so on the same line rather than lose the failure.
            return $"No report could be written to {folder} ({e.Message}).";
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
