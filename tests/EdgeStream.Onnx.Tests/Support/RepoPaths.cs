namespace EdgeStream.Onnx.Tests.Support;

/// <summary>Paths in the repository this test project reads (<see cref="Repo"/> finds the root).</summary>
internal static class RepoPaths
{
    public static string Root => Repo.Root;

    public static string TestModels => Path.Combine(Root, "tests", "EdgeStream.Onnx.Tests", "TestModels");

    public static string TinyAction => Path.Combine(TestModels, "tiny-action");

    public static string TinyAnomaly => Path.Combine(TestModels, "tiny-anomaly");

    public static string ShippedModel(string name) => Path.Combine(Root, "models", name);
}
