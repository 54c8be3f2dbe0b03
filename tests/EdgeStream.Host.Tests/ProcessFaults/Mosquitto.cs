using System.Diagnostics;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.ProcessFaults;

/// <summary>A real Mosquitto on 127.0.0.1:<see cref="Port"/>, anonymous, no persistence, config in a temp folder; killed on dispose.</summary>
internal sealed class Mosquitto : IDisposable
{
    private readonly ProcessLines _process;

    private Mosquitto(ProcessLines process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Transcript => _process.Transcript;

    public static async Task<Mosquitto> StartAsync(string folder, int port)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        List<string> lines = ["persistence false", "log_dest stderr", "log_type all", $"listener {port} 127.0.0.1", "allow_anonymous true"];

        // Started as root, mosquitto would drop to the 'mosquitto' user, which cannot read the test's temp folder.
        if (Environment.UserName == "root")
        {
            lines.Insert(0, "user root");
        }

        await File.WriteAllLinesAsync(config, lines);
        var broker = new Mosquitto(ProcessLines.Start(new ProcessStartInfo(TestEnvironment.Which("mosquitto"), ["-c", config])), port);
        await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(60));
        return broker;
    }

    /// <summary>Waits until the broker logged a line containing every part (a client's subscription, say).</summary>
    public Task WaitForLogAsync(params string[] parts) =>
        _process.WaitForLineAsync(l => parts.All(p => l.Contains(p, StringComparison.Ordinal)), TimeSpan.FromSeconds(60));

    public void Dispose() => _process.Dispose();
}
