using System.Runtime.CompilerServices;

namespace EdgeStream.Core.Tests.Support;

/// <summary>The repository root (the folder holding EdgeStream.sln), found from the test binaries or, when built with --artifacts-path elsewhere, from this source file.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceFolder()) ?? throw new InvalidOperationException("EdgeStream.sln not found above the test binaries or the test sources.");

    public static string Sample(string relative) => Path.Combine(Root, "models", "samples", relative);

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
