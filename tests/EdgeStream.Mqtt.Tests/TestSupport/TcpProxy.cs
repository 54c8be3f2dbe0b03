using System.Net;
using System.Net.Sockets;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>
/// A TCP relay between the client under test and a broker, so a test can kill the connection the hard way
/// (RST, no MQTT DISCONNECT) as when the device loses power or the network: the broker then sends the last will.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accept;
    private volatile bool _refuse;

    public TcpProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections { get; private set; }

    /// <summary>While true, new connections are reset at once (the broker is "unreachable").</summary>
    public bool Refuse
    {
        get => _refuse;
        set => _refuse = value;
    }

    /// <summary>Resets every open connection on both sides.</summary>
    public void KillAll()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                Reset(socket);
            }

            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        KillAll();
        try
        {
            await _accept;
        }
        catch (OperationCanceledException)
        {
            // Expected: the accept loop ends with the cancellation.
        }

        _stop.Dispose();
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed by the relay.
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (SocketException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_refuse)
            {
                Reset(client);
                continue;
            }

            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(upstream);
                Connections++;
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other direction or KillAll closed the pair; reset both so neither side lingers half-open.
            Reset(from);
            Reset(to);
        }
    }
}
