using System.Collections;
using EdgeStream.Host.Systemd;

namespace EdgeStream.Host.Tests.Systemd;

public sealed class NotifySettingsTests
{
    [Fact]
    public void FromEnvironment_NoNotifySocket_NothingToNotify()
    {
        var settings = NotifySettings.FromEnvironment(new Hashtable { ["WATCHDOG_USEC"] = "30000000" }, 42);

        Assert.Null(settings.Socket);
        Assert.Null(settings.Watchdog);
    }

    [Fact]
    public void FromEnvironment_SocketAndWatchdog_ReadsBoth()
    {
        var settings = NotifySettings.FromEnvironment(new Hashtable { ["NOTIFY_SOCKET"] = "@sd", ["WATCHDOG_USEC"] = "30000000", ["WATCHDOG_PID"] = "42" }, 42);

        Assert.Equal("@sd", settings.Socket);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Watchdog);
    }

    [Theory]
    [InlineData("30000000", "41")]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("thirty", null)]
    public void FromEnvironment_WatchdogForAnotherProcessOrInvalid_NoWatchdog(string usec, string? pid)
    {
        var environment = new Hashtable { ["NOTIFY_SOCKET"] = "/run/systemd/notify", ["WATCHDOG_USEC"] = usec };
        if (pid is not null)
        {
            environment["WATCHDOG_PID"] = pid;
        }

        var settings = NotifySettings.FromEnvironment(environment, 42);

        Assert.Equal("/run/systemd/notify", settings.Socket);
        Assert.Null(settings.Watchdog);
    }
}
