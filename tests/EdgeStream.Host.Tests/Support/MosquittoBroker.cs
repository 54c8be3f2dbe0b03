using System.Diagnostics;

namespace EdgeStream.Host.Tests.Support;

/// <summary>A real Mosquitto broker (Debian package) on a free port, listening on 127.0.0.1 only; stopped on dispose.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ProcessLines _process;
    private readonly string _folder;

    private MosquittoBroker(ProcessLines process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Uri => $"mqtt://127.0.0.1:{Port}";

    public static async Task<MosquittoBroker> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("edgestream-mosquitto-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var process = ProcessLines.Start(new ProcessStartInfo(TestEnvironment.Which("mosquitto"), ["-c", config]));
        await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(30));
        return new MosquittoBroker(process, folder, port);
    }

    /// <summary>Starts <c>mosquitto_sub</c> on <paramref name="filter"/> (-v: topic then payload) and waits until it really receives.</summary>
    public async Task<ProcessLines> SubscribeAsync(string filter)
    {
        var sub = ProcessLines.Start(new ProcessStartInfo(TestEnvironment.Which("mosquitto_sub"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-v", "-t", filter, "-t", "edgestream-test/ready"]));

        // A subscription is live once a probe published after it arrives; retry until one does.
        for (var attempt = 0; ; attempt++)
        {
            using var pub = Process.Start(new ProcessStartInfo(TestEnvironment.Which("mosquitto_pub"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", "edgestream-test/ready", "-m", "ready"]))!;
            await pub.WaitForExitAsync();
            try
            {
                await sub.WaitForLineAsync(l => l == "edgestream-test/ready ready", TimeSpan.FromSeconds(1));
                return sub;
            }
            catch (TimeoutException) when (attempt < 60)
            {
                // Not subscribed yet: probe again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Dispose();
        await Task.Yield();
        Directory.Delete(_folder, recursive: true);
    }
}
