using System.Diagnostics;
using System.Net.Sockets;

namespace EdgeStream.Video.Tests.Rtsp;

/// <summary>
/// GStreamer's RTSP server (rtsp_server.py, run by Debian's /usr/bin/python3) serving a clip's H.264 track
/// in a loop on 127.0.0.1. Ready when its port accepts a TCP connection.
/// </summary>
internal sealed class RtspTestServer : IAsyncDisposable
{
    private readonly Process _process;

    private RtspTestServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"rtsp://127.0.0.1:{Port}/test";

    public static async Task<RtspTestServer> StartAsync(string clip, int port)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Rtsp", "rtsp_server.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(clip);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RtspTestServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, $"RTSP server exited with {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50); // not listening yet: retry until the deadline
            }
        }
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
