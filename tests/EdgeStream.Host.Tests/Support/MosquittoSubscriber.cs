using System.Diagnostics;
using System.Globalization;

namespace EdgeStream.Host.Tests.Support;

/// <summary><c>mosquitto_sub</c> on a test broker, as a process whose lines the test reads.</summary>
internal static class MosquittoSubscriber
{
    /// <summary>Starts <c>mosquitto_sub</c> on <paramref name="filter"/> (-v: topic then payload) and waits until it really receives.</summary>
    public static async Task<ProcessLines> SubscribeAsync(this MosquittoBroker broker, string filter)
    {
        var port = broker.Port.ToString(CultureInfo.InvariantCulture);
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
}
