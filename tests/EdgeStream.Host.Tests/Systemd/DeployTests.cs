using System.Diagnostics;
using System.Runtime.Versioning;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Systemd;

/// <summary>deploy/edgestream.service passes <c>systemd-analyze verify</c>; deploy/install.sh installs, upgrades and removes.</summary>
[SupportedOSPlatform("linux")]
public sealed class DeployTests
{
    private static string Deploy => Path.Combine(TestEnvironment.RepoRoot, "deploy");

    [SystemdAnalyzeFact]
    public void SystemdAnalyzeVerify_ShippedUnit_Clean()
    {
        using var folder = new TempConfig("{}");

        // verify checks that ExecStart's program exists: point it at a stand-in executable.
        var program = folder.AddFile("edgestream", "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var unit = Path.Combine(folder.Directory, "edgestream.service");
        File.WriteAllText(unit, File.ReadAllText(Path.Combine(Deploy, "edgestream.service")).Replace("/opt/edgestream/edgestream", program, StringComparison.Ordinal));

        var (code, output) = Run("systemd-analyze", "verify", unit);

        Assert.True(code == 0 && output.Length == 0, $"systemd-analyze verify exited {code}:\n{output}");
    }

    [Fact]
    public void ShippedUnit_NotifyWatchdogRestartAndHardening_Present()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "edgestream.service")).Select(l => l.Trim()).ToHashSet();

        string[] required =
        [
            "Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure", "RestartPreventExitStatus=2",
            "DynamicUser=yes", "SupplementaryGroups=video", "StateDirectory=edgestream", "ConfigurationDirectory=edgestream",
            "LoadCredential=mqtt-password:/etc/edgestream/mqtt-password", "ProtectSystem=strict", "ProtectHome=yes",
            "PrivateTmp=yes", "NoNewPrivileges=yes", "CapabilityBoundingSet=", "DeviceAllow=char-video4linux rw",
            "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
        ];
        var missing = required.Where(r => !lines.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"missing from deploy/edgestream.service: {string.Join(", ", missing)}");
    }

    [Fact]
    public void InstallScript_StagedTwiceThenUninstalled_IdempotentKeepsConfigPurgeRemovesIt()
    {
        using var work = new TempConfig("{}");
        var published = Path.Combine(work.Directory, "published");
        Directory.CreateDirectory(published);
        File.Copy(TestEnvironment.BundledConfig, Path.Combine(published, "appsettings.json"));
        File.WriteAllText(Path.Combine(published, "edgestream"), "#!/bin/sh\n");
        var root = Path.Combine(work.Directory, "root");
        var etc = Path.Combine(root, "etc", "edgestream");

        Install("--root", root, "--from", published);
        var config = File.ReadAllText(Path.Combine(etc, "edgestream.json"));
        Assert.Contains("\"/opt/edgestream/models/action\"", config, StringComparison.Ordinal);
        Assert.DoesNotContain("\"models/", config, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(etc, "mqtt-password")));
        Assert.Equal(File.ReadAllText(Path.Combine(Deploy, "edgestream.service")), File.ReadAllText(Path.Combine(root, "etc", "systemd", "system", "edgestream.service")));
        Assert.True(File.Exists(Path.Combine(root, "opt", "edgestream", "deploy", "README.md")));

        // An upgrade replaces the program and keeps what the operator changed.
        File.WriteAllText(Path.Combine(etc, "edgestream.json"), "{\"edited\": true}");
        File.WriteAllText(Path.Combine(etc, "mqtt-password"), "secret\n");
        File.WriteAllText(Path.Combine(published, "new-file"), "v2");
        Install("--root", root, "--from", published);
        Assert.Equal("{\"edited\": true}", File.ReadAllText(Path.Combine(etc, "edgestream.json")));
        Assert.Equal("secret\n", File.ReadAllText(Path.Combine(etc, "mqtt-password")));
        Assert.True(File.Exists(Path.Combine(root, "opt", "edgestream", "new-file")));
        Assert.False(Directory.Exists(Path.Combine(root, "opt", "edgestream.new")));

        Install("--root", root, "--uninstall");
        Assert.False(Directory.Exists(Path.Combine(root, "opt", "edgestream")));
        Assert.False(File.Exists(Path.Combine(root, "etc", "systemd", "system", "edgestream.service")));
        Assert.True(File.Exists(Path.Combine(etc, "edgestream.json")));

        Install("--root", root, "--uninstall", "--purge");
        Assert.False(Directory.Exists(etc));
    }

    [Fact]
    public void InstallScript_OtherPrefix_UnitPointsThere()
    {
        using var work = new TempConfig("{}");
        var published = Path.Combine(work.Directory, "published");
        Directory.CreateDirectory(published);
        File.Copy(TestEnvironment.BundledConfig, Path.Combine(published, "appsettings.json"));
        File.WriteAllText(Path.Combine(published, "edgestream"), "#!/bin/sh\n");
        var root = Path.Combine(work.Directory, "root");

        Install("--root", root, "--from", published, "--prefix", "/srv/edge");

        var unit = File.ReadAllText(Path.Combine(root, "etc", "systemd", "system", "edgestream.service"));
        Assert.Contains("ExecStart=/srv/edge/edgestream run --config /etc/edgestream/edgestream.json", unit, StringComparison.Ordinal);
        Assert.Contains("\"/srv/edge/models/action\"", File.ReadAllText(Path.Combine(root, "etc", "edgestream", "edgestream.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "srv", "edge", "edgestream")));
    }

    [Theory]
    [InlineData("/", "must not be empty or /")]
    [InlineData("", "must not be empty or /")]
    [InlineData("opt/edgestream", "must be absolute")]
    [InlineData("/opt", "at least two levels deep")]
    [InlineData("/opt/../usr", "plain path")]
    [InlineData("/usr/local", "system folder")]
    [InlineData("/home/alice", "system folder")]
    public void InstallScript_DangerousPrefix_RefusedBeforeAnythingIsRemoved(string prefix, string reason)
    {
        using var work = new TempConfig("{}");
        var root = Path.Combine(work.Directory, "root");
        var keep = Path.Combine(root, "usr", "local", "keep");
        Directory.CreateDirectory(Path.GetDirectoryName(keep)!);
        File.WriteAllText(keep, "another program's file");

        foreach (var action in new[] { "--from", "--uninstall" })
        {
            string[] args = action == "--uninstall" ? ["--root", root, "--prefix", prefix, "--uninstall"] : ["--root", root, "--prefix", prefix, "--from", work.Directory];
            var (code, output) = Run("/bin/sh", [Path.Combine(Deploy, "install.sh"), .. args]);

            Assert.True(code != 0, $"install.sh {string.Join(' ', args)} was accepted:\n{output}");
            Assert.Contains(reason, output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(keep));
    }

    [Fact]
    public void InstallScript_PrefixHoldingAnotherProgram_RefusedAndKept()
    {
        using var work = new TempConfig("{}");
        var root = Path.Combine(work.Directory, "root");
        var other = Path.Combine(root, "opt", "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "data.db"), "not EdgeStream's");

        var (code, output) = Run("/bin/sh", Path.Combine(Deploy, "install.sh"), "--root", root, "--prefix", "/opt/other", "--uninstall");

        Assert.True(code != 0, output);
        Assert.Contains("is not an EdgeStream install", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(other, "data.db")));
    }

    private static void Install(params string[] args)
    {
        var (code, output) = Run("/bin/sh", [Path.Combine(Deploy, "install.sh"), .. args]);
        Assert.True(code == 0, $"install.sh {string.Join(' ', args)} exited {code}:\n{output}");
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (stdout.Result + stderr).Trim());
    }
}

/// <summary>A fact skipped, with the reason shown, when systemd-analyze is not installed (Debian package systemd).</summary>
internal sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin");
        Skip = paths.Any(p => File.Exists(Path.Combine(p, "systemd-analyze"))) ? null : "systemd-analyze is not installed; apt-get install systemd";
    }
}
