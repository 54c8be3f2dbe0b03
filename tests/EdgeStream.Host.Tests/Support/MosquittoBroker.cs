using System.Diagnostics;
using System.Globalization;

namespace EdgeStream.Host.Tests.Support;

/// <summary>
/// A real Mosquitto broker (Debian package) on 127.0.0.1 only, anonymous, no persistence, its config in a temp folder
/// of its own; logs everything to stderr (<see cref="WaitForLogAsync"/>); killed and cleaned up on dispose.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
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

    /// <summary>Starts it on <paramref name="port"/> (a test that configured the app first picks the port), else on a free one.</summary>
    public static async Task<MosquittoBroker> StartAsync(int? port = null)
    {
        var folder = Directory.CreateTempSubdirectory("edgestream-mosquitto-").FullName;
        var listen = port ?? FreePort.Next();
        List<string> lines = ["persistence false", "log_dest stderr", "log_type all", $"listener {listen} 127.0.0.1", "allow_anonymous true"];

        // Started as root, mosquitto would drop to the 'mosquitto' user, which cannot read the test's temp folder.
        if (Environment.UserName == "root")
        {
            lines.Insert(0, "user root");
        }

        var config = Path.Combine(folder, "mosquitto.conf");
        await File.WriteAllLinesAsync(config, lines);
        var broker = new MosquittoBroker(ProcessLines.Start(new ProcessStartInfo(Tools.Which("mosquitto"), ["-c", config])), folder, listen);
        await FreePort.WaitListeningAsync(listen, Patience);
        return broker;
    }

    /// <summary>Waits until the broker logged a line containing every part (a client's subscription, say).</summary>
    public Task WaitForLogAsync(params string[] parts) =>
        _process.WaitForLineAsync(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)), Patience);

    /// <summary>Starts <c>mosquitto_sub</c> on <paramref name="filter"/> (-v: topic then payload) and waits until it really receives.</summary>
    public async Task<ProcessLines> SubscribeAsync(string filter)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var sub = ProcessLines.Start(new ProcessStartInfo(Tools.Which("mosquitto_sub"), ["-h", "127.0.0.1", "-p", port, "-q", "1", "-v", "-t", filter, "-t", "edgestream-test/ready"]));

        // A subscription is live once a probe published after it arrives; retry until one does.
        for (var attempt = 0; ; attempt++)
        {
            using var pub = Process.Start(new ProcessStartInfo(Tools.Which("mosquitto_pub"), ["-h", "127.0.0.1", "-p", port, "-q", "1", "-t", "edgestream-test/ready", "-m", "ready"]))!;
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
