using System.ComponentModel;
using System.Diagnostics;

namespace EdgeStream.Video.Pipes;

/// <summary>Starting and stopping the frame-writing child process; its failures become messages here.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(3);

    public static Process Create(PipeCommand command, Action<string> onStderrLine)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                onStderrLine(line);
            }
        };
        return process;
    }

    /// <summary>Starts the process; returns why it could not start, or null.</summary>
    public static string? TryStart(Process process, PipeCommand command)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return $"cannot start {command.FileName} for {command.Display}: {ex.Message}";
        }

        process.BeginErrorReadLine();

        // The child gets an empty stdin: ffmpeg must never wait for keyboard input.
        process.StandardInput.Close();
        return null;
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited or never started: nothing to kill.
        }
    }

    /// <summary>The exit code once the process has ended on its own (waits briefly); "unknown" if it has not.</summary>
    public static async Task<string> ExitCodeAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(ExitWait);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException)
        {
            return "unknown: still running";
        }
    }

    public static async Task StopAsync(Process process)
    {
        Kill(process);
        using var timeout = new CancellationTokenSource(ExitWait);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill signal was sent; a process that ignores it for 3 s is left to the OS.
        }
    }
}
