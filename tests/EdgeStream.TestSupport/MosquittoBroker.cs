using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeStream.TestSupport;

/// <summary>
/// A real Mosquitto (Debian package) started by the test on 127.0.0.1 only, with a config of its own in a folder; ready
/// once its port accepts a TCP connection; everything it logs is kept (<see cref="Log"/>, <see cref="WaitForLogAsync"/>).
/// Killed on dispose; a folder it made itself is deleted then.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _ownsFolder;

    private MosquittoBroker(Process process, int port, string folder, string config)
    {
        _process = process;
        Port = port;
        Folder = folder;
        Config = config;
    }

    public string Config { get; }

    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    public int ProcessId => _process.Id;

    public string Folder { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts an anonymous, non-persistent mosquitto in a temp folder of its own, on <paramref name="port"/> or a free one.</summary>
    public static async Task<MosquittoBroker> StartAsync(int? port = null)
    {
        var folder = Directory.CreateTempSubdirectory("edgestream-mosquitto-").FullName;
        var broker = await StartAsync(folder, port ?? FreePort.Next(), persistent: false);
        broker._ownsFolder = true;
        return broker;
    }

    /// <summary>Starts mosquitto; <paramref name="listenerLines"/> are extra lines for the listener (TLS files, auth).</summary>
    public static Task<MosquittoBroker> StartAsync(string folder, params string[] listenerLines) =>
        StartAsync(folder, FreePort.Next(), persistent: false, listenerLines);

    /// <summary>
    /// Starts mosquitto on <paramref name="port"/>; <paramref name="persistent"/> keeps sessions and queued QoS 1 messages in
    /// <c>FOLDER/mosquitto.db</c> across a graceful stop and restart (the way a production broker is set up), with no limit on queued messages.
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync(string folder, int port, bool persistent, params string[] listenerLines)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        var lines = new List<string>
        {
            persistent ? "persistence true" : "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "log_type subscribe",
        };

        // Started as root, mosquitto drops to the 'mosquitto' user and could not read the test's private temp folder.
        if (Environment.UserName == "root")
        {
            lines.Add("user root");
        }

        if (persistent)
        {
            lines.Add($"persistence_location {folder.TrimEnd('/')}/");
            lines.Add("max_queued_messages 0");
            lines.Add("persistent_client_expiration 1h");
        }

        lines.Add($"listener {port} 127.0.0.1");
        lines.AddRange(listenerLines);
        if (!listenerLines.Any(l => l.StartsWith("allow_anonymous", StringComparison.Ordinal)))
        {
            lines.Add("allow_anonymous true");
        }

        await File.WriteAllLinesAsync(config, lines);
        return await LaunchAsync(folder, port, config);
    }

    /// <summary>Starts mosquitto again on the same port and config (after <see cref="StopAsync"/>).</summary>
    public Task<MosquittoBroker> RestartAsync() => LaunchAsync(Folder, Port, Config);

    /// <summary>
    /// Stops mosquitto the way systemd does (SIGTERM): it closes every connection and, when persistent, saves its
    /// sessions before it exits. Waits for the exit.
    /// </summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(Eventually.Limit);
        await _process.WaitForExitAsync(timeout.Token);
    }

    private static async Task<MosquittoBroker> LaunchAsync(string folder, int port, string config)
    {
        var start = new ProcessStartInfo(Tools.Which("mosquitto"), ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        var broker = new MosquittoBroker(process, port, folder, config);
        process.ErrorDataReceived += (_, e) => broker.Append(e.Data);
        process.OutputDataReceived += (_, e) => broker.Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await broker.WaitReadyAsync();
        return broker;
    }

    /// <summary>Waits until the broker's log has a line containing every one of <paramref name="parts"/> (e.g. a client's subscription).</summary>
    public async Task WaitForLogAsync(params string[] parts)
    {
        await Eventually.TrueAsync(
            () => Log.Split('\n').Any(line => parts.All(p => line.Contains(p, StringComparison.Ordinal))),
            "mosquitto log line with " + string.Join(", ", parts));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + Eventually.Limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
