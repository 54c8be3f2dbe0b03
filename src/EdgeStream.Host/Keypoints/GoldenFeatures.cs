using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Verification;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Onnx;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Keypoints;

/// <summary>
/// The encoder's features of the model's golden frames (its golden/golden.json cases), for every variant that has an
/// encoder. A head trained on these keypoints reuses the encoder files unchanged, so its golden file needs what each
/// encoder variant makes of the golden frames, and the training side has no ONNX Runtime (nor, for a user, the pose
/// network's original weights) to compute them: EdgeStream's own engine does, here.
/// </summary>
internal static class GoldenFeatures
{
    /// <summary>Per golden case: name, input file, variant -> features [T*F]. Empty when the model has no golden file.</summary>
    public static List<(string Case, string File, IReadOnlyDictionary<string, float[]> Features)> Encode(ModelManifest manifest, ModelOptions model, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var cases = new List<(string, string, IReadOnlyDictionary<string, float[]>)>();
        if (string.IsNullOrWhiteSpace(manifest.Golden))
        {
            return cases;
        }

        var set = GoldenReader.LoadGolden(manifest);
        var setPath = manifest.Resolve(manifest.Golden);
        var frames = manifest.WindowLength();
        var features = set.Cases.Select(_ => new Dictionary<string, float[]>(StringComparer.Ordinal)).ToList();
        var factory = new OnnxEngineFactory(loggers.CreateLogger<OnnxEngineFactory>());
        foreach (var variant in manifest.Variants.Where(v => v.Encoder is not null))
        {
            var options = EngineCatalog.EngineOptionsFor(model) with { Variant = variant.Name, Layout = "split", MaxBatch = frames };
            using var engine = factory.Create(manifest, options);
            for (var i = 0; i < set.Cases.Count; i++)
            {
                var input = GoldenReader.ReadInput(manifest, set.Cases[i], setPath);
                var output = new float[frames * engine.StepLength];
                engine.Encode(input, frames, output);
                features[i][variant.Name] = output;
            }
        }

        for (var i = 0; i < set.Cases.Count; i++)
        {
            var file = Path.Combine(Path.GetDirectoryName(setPath)!, set.Cases[i].Input.File ?? "");
            cases.Add((set.Cases[i].Name, file, features[i]));
        }

        return cases;
    }
}
