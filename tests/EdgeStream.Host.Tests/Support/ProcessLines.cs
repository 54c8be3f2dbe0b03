using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeStream.Host.Tests.Support;

/// <summary>
/// A child process whose stdout and stderr lines are collected as they arrive, so a test can wait for a line
/// (with a generous timeout), send it a signal, and read everything it printed. Killed on dispose if still running.
/// </summary>
internal sealed class ProcessLines : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private ProcessLines(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Add(_stderr, e.Data);
    }

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Transcript => $"stdout:\n{string.Join('\n', Stdout)}\nstderr:\n{string.Join('\n', Stderr)}";

    public static ProcessLines Start(ProcessStartInfo info, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        var process = new Process { StartInfo = info };
        var lines = new ProcessLines(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lines;
    }

    /// <summary>Waits until a stdout or stderr line satisfies <paramref name="match"/>; fails with the transcript on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Stdout.Concat(Stderr).FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            if (_process.HasExited)
            {
                await Task.Delay(200);
                line = Stdout.Concat(Stderr).FirstOrDefault(match);
                return line ?? throw new InvalidOperationException($"process exited ({_process.ExitCode}) before the line appeared\n{Transcript}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no matching line within {timeout.TotalSeconds} s\n{Transcript}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does (through the shell's kill: .NET has no API to send it).</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"kill -INT {_process.Id}"]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {_process.Id} exited {kill.ExitCode}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
