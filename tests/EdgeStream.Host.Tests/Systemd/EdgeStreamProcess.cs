using System.Diagnostics;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// Starts the real <c>edgestream run</c> as systemd would: <c>NOTIFY_SOCKET</c> and <c>WATCHDOG_USEC</c> in its
/// environment, <c>STATE_DIRECTORY</c> in a temp folder; and sends it signals.
/// </summary>
internal static class EdgeStreamProcess
{
    public static ProcessLines Run(string config, NotifyListener listener, TimeSpan watchdog, string stateDirectory)
    {
        var info = TestEnvironment.Dotnet(TestEnvironment.Executable, "run", "--config", config);
        info.Environment["NOTIFY_SOCKET"] = listener.Address;
        info.Environment["WATCHDOG_USEC"] = ((long)watchdog.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["STATE_DIRECTORY"] = stateDirectory;
        info.Environment.Remove("WATCHDOG_PID");
        info.Environment.Remove("JOURNAL_STREAM");
        return ProcessLines.Start(info);
    }

    /// <summary>Sends SIGTERM, as <c>systemctl stop</c> does.</summary>
    public static void Terminate(ProcessLines process)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
