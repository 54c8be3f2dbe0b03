using System.Diagnostics;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Rtsp;

/// <summary>
/// GStreamer's RTSP server (rtsp_server.py, run by Debian's /usr/bin/python3) serving the 3-minute test pattern
/// (<see cref="TestClips.LongH264"/>) on 127.0.0.1, like a camera that outlives every test. Ready when the script says it is serving: a TCP probe alone could reach another process that
/// took the port between <see cref="FreePort.Next"/> and the bind (tests run in parallel), while this server exits.
/// </summary>
internal sealed class RtspTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr;

    private RtspTestServer(Process process, System.Text.StringBuilder stderr, int port)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"rtsp://127.0.0.1:{Port}/test";

    /// <summary>Starts it on a free port; when another process took that port first, on the next one (three tries).</summary>
    public static async Task<RtspTestServer> StartOnFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(FreePort.Next());
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // Lost the race for the port to a parallel test: pick another.
            }
        }
    }

    /// <summary>Starts it on <paramref name="port"/>; throws <see cref="PortTakenException"/> when it cannot listen there.</summary>
    public static async Task<RtspTestServer> StartAsync(int port)
    {
        var clip = TestClips.LongH264;
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
            return new RtspTestServer(process, stderr, port);
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

    /// <summary>
    /// Stops it. A server that had already exited died under the test (it is only ever stopped here), and that is said
    /// with its stderr: a reader that got no frames then fails naming the server, not the source.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var died = _process.HasExited;
        if (!died)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        var exit = died ? _process.ExitCode : 0;
        _process.Dispose();
        if (died)
        {
            string said;
            lock (_stderr)
            {
                said = _stderr.ToString().Trim();
            }

            throw new InvalidOperationException($"the RTSP test server died during the test (exit {exit}): {said}");
        }
    }
}

/// <summary>The RTSP server could not listen on its port (another process had it).</summary>
internal sealed class PortTakenException(string message) : Exception(message);
