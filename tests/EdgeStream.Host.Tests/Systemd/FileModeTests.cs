using System.Diagnostics;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>
/// Outside systemd (no <c>UMask=0077</c> from the unit), from a shell whose umask is the usual 022, the files
/// EdgeStream creates are still its user's alone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileModeTests
{
    [Fact]
    public async Task Replay_FromAShellWithUmask022_WritesItsEventFileOwnerOnly()
    {
        using var work = new TempConfig("{}");
        var events = Path.Combine(work.Directory, "events.jsonl");
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "umask 022 && exec dotnet \"$0\" replay \"$1\" --out \"$2\"", TestEnvironment.Executable, Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv"), events])
        {
            info.ArgumentList.Add(argument);
        }

        using var replay = ProcessLines.Start(info);
        var exit = await replay.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, replay.Transcript);
        Assert.NotEmpty(File.ReadAllLines(events));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(events));
    }
}
