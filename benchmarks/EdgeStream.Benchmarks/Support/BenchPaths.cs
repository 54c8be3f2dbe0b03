namespace EdgeStream.Benchmarks;

/// <summary>Finds the repository (EdgeStream.sln) and its models; benchmarks run from a copy of the binaries elsewhere.</summary>
public static class BenchPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>models/NAME when it has a manifest, else the tiny test model of that task (so the suite runs before the models land).</summary>
    public static string Model(string name)
    {
        var shipped = Path.Combine(Root, "models", name);
        if (File.Exists(Path.Combine(shipped, "manifest.json")))
        {
            return shipped;
        }

        var tiny = name.StartsWith("anomaly", StringComparison.Ordinal) ? "tiny-anomaly" : "tiny-action";
        return Path.Combine(Root, "tests", "EdgeStream.Onnx.Tests", "TestModels", tiny);
    }

    private static string FindRoot()
    {
        var source = typeof(BenchPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SourceDirectory").Value!;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, source })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdgeStream.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("EdgeStream.sln not found; run the benchmarks from the repository.");
    }
}
