namespace EdgeStream.Onnx.Tests.Support;

/// <summary>Finds the repository root (the folder holding EdgeStream.sln) from the test binary's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestModels => Path.Combine(Root, "tests", "EdgeStream.Onnx.Tests", "TestModels");

    public static string TinyAction => Path.Combine(TestModels, "tiny-action");

    public static string TinyAnomaly => Path.Combine(TestModels, "tiny-anomaly");

    public static string ShippedModel(string name) => Path.Combine(Root, "models", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        // Built with --artifacts-path outside the tree: fall back to the source folder recorded at build time.
        var source = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SourceDirectory").Value!;
        for (var dir = new DirectoryInfo(source); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeStream.sln not found above the test binaries or the test project's source folder.");
    }
}
