using System.Net.Sockets;
using System.Text;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// What systemd does with <c>NOTIFY_SOCKET</c>: a bound unix datagram socket (a file in the temp folder, or a name
/// in the abstract namespace, '@' in the variable) collecting every datagram in arrival order.
/// </summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<string> _datagrams = [];
    private readonly string? _file;
    private readonly Task _receiving;

    private NotifyListener(string address)
    {
        Address = address;
        _file = address[0] == '@' ? null : address;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>The value for <c>NOTIFY_SOCKET</c>.</summary>
    public string Address { get; }

    public IReadOnlyList<string> Datagrams
    {
        get
        {
            lock (_datagrams)
            {
                return [.. _datagrams];
            }
        }
    }

    public string Transcript => string.Join(" | ", Datagrams.Select(d => d.Replace("\n", "\\n", StringComparison.Ordinal)));

    /// <summary>A listener on a fresh name: a socket file in the temp folder, or an abstract-namespace name.</summary>
    public static NotifyListener Bind(bool abstractNamespace = false)
    {
        var name = $"edgestream-notify-{Guid.NewGuid():N}";
        return new(abstractNamespace ? "@" + name : Path.Combine(Path.GetTempPath(), name + ".sock"));
    }

    /// <summary>A listener on <paramref name="address"/> (a path, or '@name').</summary>
    public static NotifyListener BindAt(string address) => new(address);

    /// <summary>True when one of the datagram's lines is <paramref name="line"/> (or starts with it, for a prefix ending in '=').</summary>
    public static bool Has(string datagram, string line) =>
        datagram.Split('\n').Any(l => line.EndsWith('=') ? l.StartsWith(line, StringComparison.Ordinal) : l == line);

    public static string? Status(string datagram) =>
        datagram.Split('\n').FirstOrDefault(l => l.StartsWith("STATUS=", StringComparison.Ordinal))?["STATUS=".Length..];

    /// <summary>Index of the first datagram at or after <paramref name="from"/> that matches; fails with the transcript on timeout.</summary>
    public async Task<int> WaitForAsync(Func<string, bool> match, TimeSpan timeout, int from = 0, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var all = Datagrams;
            for (var i = from; i < all.Count; i++)
            {
                if (match(all[i]))
                {
                    return i;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no matching notification within {timeout.TotalSeconds} s; got: {Transcript}\n{context?.Invoke()}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _receiving.Wait(TimeSpan.FromSeconds(5));
        if (_file is not null)
        {
            File.Delete(_file);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, SocketFlags.None);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return; // Disposed by the test: the listener is done.
            }

            lock (_datagrams)
            {
                _datagrams.Add(Encoding.UTF8.GetString(buffer, 0, received));
            }
        }
    }
}
