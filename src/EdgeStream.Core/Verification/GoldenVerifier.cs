using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Verification;

/// <summary>
/// Parity of the runtime with PyTorch: every variant in every layout it ships runs every golden case, and the largest
/// absolute difference per output is compared with the golden file's tolerance. Used by <c>edgestream models verify</c>
/// and by the tests. Evaluation mode (<see cref="Evaluate"/>) is in the other part of this class.
/// </summary>
public sealed partial class GoldenVerifier
{
    private readonly IInferenceEngineFactory _factory;

    public GoldenVerifier(IInferenceEngineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    /// <summary>Checks the model folder (or manifest path) against its golden file. Throws <see cref="ModelLoadException"/> for a bad manifest or golden file.</summary>
    public ParityReport Verify(string modelPath, VerifyOptions? options = null)
    {
        options ??= new VerifyOptions();
        var manifest = ManifestLoader.Load(modelPath);
        var golden = GoldenReader.LoadGolden(manifest);
        var goldenPath = manifest.Resolve(manifest.Golden!);
        var inputs = golden.Cases.Select(c => GoldenReader.ReadInput(manifest, c, goldenPath)).ToArray();
        var rows = new List<ParityRow>();
        foreach (var (variant, layout) in Combinations(manifest, options))
        {
            rows.AddRange(VerifyOne(manifest, golden, inputs, variant, layout, options));
        }

        return new ParityReport(manifest.Name, manifest.Version, options.Provider, rows);
    }

    private IEnumerable<ParityRow> VerifyOne(ModelManifest manifest, GoldenSet golden, float[][] inputs, VariantSpec variant, string layout, VerifyOptions options)
    {
        string[] keys = [manifest.PrimaryOutputKey(), "attention"];
        if (golden.Cases.Any(c => c.Expected?.ContainsKey(variant.Name) != true))
        {
            return keys.Select(k => Row(variant, layout, k, 0, ParityStatus.Skipped, "golden file has no expected values for this variant"));
        }

        if (golden.Tolerance?.GetValueOrDefault(variant.Name) is not { } tolerances || keys.Any(k => !tolerances.ContainsKey(k)))
        {
            return keys.Select(k => Row(variant, layout, k, 0, ParityStatus.Fail, $"golden file has no tolerance.{variant.Name}.{k}"));
        }

        IInferenceEngine engine;
        try
        {
            engine = _factory.Create(manifest, Engine(variant, layout, options, maxBatch: 1));
        }
        catch (UnsupportedVariantException ex)
        {
            return keys.Select(k => Row(variant, layout, k, 0, ParityStatus.Skipped, ex.Message));
        }

        using (engine)
        {
            var runner = new WindowRunner(engine);
            var outputs = new float[engine.OutputLength];
            var attention = new float[engine.WindowLength];
            var maxDiff = new double[keys.Length];
            string? note = null;
            for (var i = 0; i < inputs.Length; i++)
            {
                runner.Run(inputs[i], 1, outputs, attention);
                var expected = golden.Cases[i].Expected![variant.Name];
                for (var k = 0; k < keys.Length; k++)
                {
                    var actual = k == 0 ? outputs : attention;
                    if (!expected.TryGetValue(keys[k], out var want) || want.Length != actual.Length)
                    {
                        note ??= $"case '{golden.Cases[i].Name}': expected.{variant.Name}.{keys[k]} must hold {actual.Length} values";
                        maxDiff[k] = double.PositiveInfinity;
                        continue;
                    }

                    maxDiff[k] = Math.Max(maxDiff[k], MaxAbsDiff(actual, want));
                }
            }

            return keys.Select((k, j) => new ParityRow(
                variant.Name, layout, k, inputs.Length, maxDiff[j], tolerances[k],
                maxDiff[j] <= tolerances[k] ? ParityStatus.Pass : ParityStatus.Fail, maxDiff[j] <= tolerances[k] ? null : note)).ToArray();
        }
    }

    internal static IEnumerable<(VariantSpec Variant, string Layout)> Combinations(ModelManifest manifest, VerifyOptions options)
    {
        foreach (var v in manifest.Variants)
        {
            if (options.Variants is { } only && !only.Contains(v.Name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var layout in v.Layouts())
            {
                if (options.Layouts is null || options.Layouts.Contains(layout, StringComparer.OrdinalIgnoreCase))
                {
                    yield return (v, layout);
                }
            }
        }
    }

    internal static EngineOptions Engine(VariantSpec variant, string layout, VerifyOptions options, int maxBatch) => new()
    {
        Variant = variant.Name,
        Layout = layout,
        Provider = options.Provider,
        IntraOpThreads = options.IntraOpThreads,
        MaxBatch = maxBatch,
        FallbackToCpu = false,
    };

    internal static double MaxAbsDiff(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        var max = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var d = Math.Abs((double)actual[i] - expected[i]);
            max = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }

    private static ParityRow Row(VariantSpec v, string layout, string key, int cases, ParityStatus status, string note) =>
        new(v.Name, layout, key, cases, double.NaN, double.NaN, status, note);
}
