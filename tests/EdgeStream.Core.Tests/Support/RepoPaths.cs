namespace EdgeStream.Core.Tests.Support;

/// <summary>Paths in the repository this test project reads (<see cref="Repo"/> finds the root).</summary>
internal static class RepoPaths
{
    public static string Root => Repo.Root;

    public static string Sample(string relative) => Path.Combine(Root, "models", "samples", relative);
}
