using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EdgeStream.Host.Tests.Support;

/// <summary>Where the repository, the bundled config, the samples and the shared data are; which tools are missing and why.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with --artifacts-path outside the tree: fall back to where this source file was compiled from.
        var fromSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourceFile())!, "..", "..", ".."));
        return File.Exists(Path.Combine(fromSource, "EdgeStream.sln"))
            ? fromSource
            : throw new InvalidOperationException($"EdgeStream.sln not found above {AppContext.BaseDirectory} or at {fromSource}");
    });

    private static readonly Lazy<string?> MosquittoMissing = new(() => Tool("mosquitto") ?? Tool("mosquitto_sub"));

    public static string RepoRoot => Root.Value;

    /// <summary>The shipped default config, as copied next to the executable (and this test assembly).</summary>
    public static string BundledConfig => Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    /// <summary>The executable's entry assembly, run with <c>dotnet edgestream.dll</c>.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "edgestream.dll");

    public static string Clips => Path.Combine(RepoRoot, "models", "samples", "clips");

    public static string Sensors => Path.Combine(RepoRoot, "models", "samples", "sensors");

    public static string Golden => Path.Combine(RepoRoot, "tests", "EdgeStream.Host.Tests", "Golden");

    public static string SharedClips => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "clips"));

    public static string? WhyNoMosquitto => MosquittoMissing.Value is { } m ? $"{m}; apt-get install mosquitto mosquitto-clients" : null;

    public static string? WhyNoSharedClips => Directory.Exists(SharedClips) ? null : $"shared clips folder {SharedClips} is absent (public data is not committed)";

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static string? Tool(string name)
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin");
        return paths.Any(p => File.Exists(Path.Combine(p, name))) ? null : $"{name} is not installed";
    }

    /// <summary>Full path of a tool (PATH first, then /usr/sbin where Debian puts the mosquitto broker).</summary>
    public static string Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} not found");

    public static ProcessStartInfo Dotnet(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}

/// <summary>A fact skipped, with the reason shown, when Mosquitto is not installed.</summary>
internal sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute() => Skip = TestEnvironment.WhyNoMosquitto;
}

/// <summary>A fact skipped, with the reason shown, when ../shared/data/clips is absent.</summary>
internal sealed class SharedClipsFactAttribute : FactAttribute
{
    public SharedClipsFactAttribute() => Skip = TestEnvironment.WhyNoSharedClips;
}
