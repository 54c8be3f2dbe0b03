using System.Diagnostics;

namespace EdgeStream.Video.Tests.Rtsp;

/// <summary>
/// GStreamer's RTSP server (rtsp_server.py, run by Debian's /usr/bin/python3) serving a clip's H.264 track
/// in a loop on 127.0.0.1. Ready when the script says it is serving: a TCP probe alone could reach another process that
/// took the port between <see cref="FreePort.Next"/> and the bind (tests run in parallel), while this server exits.
/// </summary>
internal sealed class RtspTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private RtspTestServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"rtsp://127.0.0.1:{Port}/test";

    /// <summary>Starts it on a free port; when another process took that port first, on the next one (three tries).</summary>
    public static async Task<RtspTestServer> StartOnFreePortAsync(string clip)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(clip, FreePort.Next());
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // Lost the race for the port to a parallel test: pick another.
            }
        }
    }

    /// <summary>Starts it on <paramref name="port"/>; throws <see cref="PortTakenException"/> when it cannot listen there.</summary>
    public static async Task<RtspTestServer> StartAsync(string clip, int port)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Rtsp", "rtsp_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(clip);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new System.Text.StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("serving ", StringComparison.Ordinal) == true)
            {
                serving.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(serving.Task, exited, Task.Delay(StartLimit));
        if (first == serving.Task)
        {
            return new RtspTestServer(process, port);
        }

        if (first == exited)
        {
            string said;
            lock (stderr)
            {
                said = stderr.ToString().Trim();
            }

            process.Dispose();
            throw said.Contains("cannot listen", StringComparison.Ordinal)
                ? new PortTakenException(said)
                : new InvalidOperationException($"RTSP server exited with {process.ExitCode} before serving: {said}");
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new TimeoutException($"RTSP server did not say it was serving within {StartLimit.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>The RTSP server could not listen on its port (another process had it).</summary>
internal sealed class PortTakenException(string message) : Exception(message);
