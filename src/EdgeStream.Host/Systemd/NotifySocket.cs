using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Systemd;

/// <summary>
/// Sends <c>sd_notify</c> datagrams ("READY=1", "STATUS=...", several lines per datagram allowed) to the unix
/// datagram socket systemd named in <c>NOTIFY_SOCKET</c>. A leading '@' means the abstract namespace (a NUL byte
/// on the wire). A failed send is logged (once until a send works again) and never stops the service: the worst
/// outcome is that systemd restarts it, which is what a missing watchdog ping is for.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _failing;

    public NotifySocket(string address, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        Address = address;
        _endpoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address);
        _logger = logger;
    }

    public string Address { get; }

    /// <summary>Sends one datagram; false when it could not be sent (logged).</summary>
    public bool Send(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = Encoding.UTF8.GetBytes(message);
        lock (_gate)
        {
            try
            {
                _socket.SendTo(bytes, SocketFlags.None, _endpoint);
                if (_failing)
                {
                    _failing = false;
                    SystemdLog.NotifyRecovered(_logger, Address);
                }

                return true;
            }
            catch (SocketException e)
            {
                if (!_failing)
                {
                    _failing = true;
                    SystemdLog.NotifyFailed(_logger, Address, e.SocketErrorCode, e.Message);
                }

                return false;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
