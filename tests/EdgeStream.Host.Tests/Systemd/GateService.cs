using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// A hosted service that starts slowly, as the pipeline does while it loads models: its start waits for
/// <see cref="Release"/>, then it sends <see cref="Finished"/> to the notify socket itself, so the listener sees
/// where in the sequence its start ended.
/// </summary>
internal sealed class GateService(string address) : IHostedService
{
    public const string Finished = "X-TEST=gate started";

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Release.Task.WaitAsync(cancellationToken);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        var endpoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address);
        await socket.SendToAsync(Encoding.UTF8.GetBytes(Finished), SocketFlags.None, endpoint, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
