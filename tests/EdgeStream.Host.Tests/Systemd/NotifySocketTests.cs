using EdgeStream.Host.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Host.Tests.Systemd;

public sealed class NotifySocketTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_BoundListener_DeliversTheDatagramAsIs(bool abstractNamespace)
    {
        using var listener = NotifyListener.Bind(abstractNamespace);
        using var socket = new NotifySocket(listener.Address, NullLogger.Instance);

        Assert.True(socket.Send("READY=1\nSTATUS=ready: 1 stream(s)"));
        Assert.True(socket.Send("WATCHDOG=1"));

        await listener.WaitForAsync(d => d == "WATCHDOG=1", TimeSpan.FromSeconds(30));
        Assert.Equal(["READY=1\nSTATUS=ready: 1 stream(s)", "WATCHDOG=1"], listener.Datagrams);
    }

    [Fact]
    public async Task Send_NobodyListensThenListenerAppears_FailsThenWorks()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgestream-notify-{Guid.NewGuid():N}.sock");
        using var socket = new NotifySocket(path, NullLogger.Instance);

        Assert.False(socket.Send("READY=1"));

        using var listener = NotifyListener.BindAt(path);
        Assert.True(socket.Send("READY=1"));
        await listener.WaitForAsync(d => d == "READY=1", TimeSpan.FromSeconds(30));
    }
}
