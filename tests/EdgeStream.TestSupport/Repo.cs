using System.Runtime.CompilerServices;

namespace EdgeStream.TestSupport;

/// <summary>The repository (the folder holding EdgeStream.sln) and the shared data beside it.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>
    /// Found above the test binaries; when they were built elsewhere (<c>--artifacts-path</c>), from where this source
    /// file was compiled.
    /// </summary>
    public static string Root => RootFolder.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary><c>../shared/data</c> beside the repository: NAB, SKAB, clips (public data, never committed).</summary>
    public static string SharedData => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "data"));

    /// <summary>Why a folder of the shared data (nab, skab, clips) cannot be used, for a test's skip; null when it is there.</summary>
    public static string? WhySharedDataMissing(string folder)
    {
        var path = System.IO.Path.Combine(SharedData, folder);
        return Directory.Exists(path) ? null : $"shared data folder {path} is absent (the public data sets are not committed; see docs/architecture.md, Testing)";
    }

    private static string FindRoot() =>
        Above(AppContext.BaseDirectory) ?? Above(SourceFolder())
        ?? throw new InvalidOperationException($"EdgeStream.sln not found above {AppContext.BaseDirectory} or {SourceFolder()}");

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourceFolder([CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
