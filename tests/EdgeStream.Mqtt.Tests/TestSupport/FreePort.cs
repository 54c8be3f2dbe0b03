using System.Net;
using System.Net.Sockets;

namespace EdgeStream.Mqtt.Tests.TestSupport;

internal static class FreePort
{
    /// <summary>A port free on 127.0.0.1 right now (for external processes that cannot report the port they bound).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
