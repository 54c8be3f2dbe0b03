using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Verification;

namespace EdgeStream.Benchmarks;

/// <summary>A model's manifest and one real window of input (its first golden case, preprocessed as the pipeline does).</summary>
public sealed record ModelFixture(ModelManifest Manifest, float[] Window)
{
    public static ModelFixture Load(string name)
    {
        var manifest = ManifestLoader.Load(BenchPaths.Model(name));
        var golden = GoldenReader.LoadGolden(manifest);
        return new ModelFixture(manifest, GoldenReader.ReadInput(manifest, golden.Cases[0], manifest.Resolve(manifest.Golden!)));
    }

    /// <summary>Variant names for [ParamsSource]; read without hashing the files (BenchmarkDotNet calls this often).</summary>
    public static IEnumerable<string> VariantNames(string name) =>
        ManifestLoader.Load(BenchPaths.Model(name), verifyFiles: false).Variants.Select(v => v.Name);
}
