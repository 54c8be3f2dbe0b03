using System.Reflection;

namespace EdgeStream.Sensors.Tests.TestSupport;

/// <summary>The repository root (the folder holding EdgeStream.sln) and the shared data beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/data relative to the repository root (NAB, SKAB, clips; never committed).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string SensorSamples => Path.Combine(Root, "models", "samples", "sensors");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with --artifacts-path outside the repo: the project recorded where it was built from.
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "EdgeStreamRepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "EdgeStream.sln")))
        {
            return recorded;
        }

        throw new InvalidOperationException("EdgeStream.sln not found above " + AppContext.BaseDirectory);
    }
}
