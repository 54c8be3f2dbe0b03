using System.Diagnostics;

namespace EdgeStream.Host.Tests.Support;

/// <summary>Where the repository, the bundled config, the samples and the shared data are; which tools are missing and why.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<string?> MosquittoMissing = new(() => Tools.WhyMissing("mosquitto mosquitto-clients", "mosquitto", "mosquitto_sub", "mosquitto_pub"));

    public static string RepoRoot => Repo.Root;

    /// <summary>The shipped default config, as copied next to the executable (and this test assembly).</summary>
    public static string BundledConfig => Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    /// <summary>The executable's entry assembly, run with <c>dotnet edgestream.dll</c>.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "edgestream.dll");

    public static string Clips => Path.Combine(RepoRoot, "models", "samples", "clips");

    public static string Sensors => Path.Combine(RepoRoot, "models", "samples", "sensors");

    public static string Golden => Path.Combine(RepoRoot, "tests", "EdgeStream.Host.Tests", "Golden");

    public static string SharedClips => Path.Combine(Repo.SharedData, "clips");

    public static string? WhyNoMosquitto => MosquittoMissing.Value;

    public static string? WhyNoSharedClips => Repo.WhySharedDataMissing("clips");

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
