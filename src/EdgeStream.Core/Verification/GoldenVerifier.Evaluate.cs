using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Verification;

public sealed partial class GoldenVerifier
{
    /// <summary>
    /// Runs an action model's evaluation set (golden format, labels only, e.g. models/training/work/testset/testset.json)
    /// through every variant and layout. The reference variant runs first in each layout so others can be compared with it.
    /// </summary>
    public EvaluationReport Evaluate(string modelPath, string testsetPath, VerifyOptions? options = null)
    {
        options ??= new VerifyOptions();
        var manifest = ManifestLoader.Load(modelPath);
        if (manifest.Task != ModelTask.Action)
        {
            throw new ModelLoadException($"{manifest.Name}: evaluation mode needs an action model (labels and logits); this one is '{manifest.Task}'.");
        }

        var set = GoldenReader.Load(testsetPath);
        var labels = set.Cases.Select(c => LabelIndex(manifest, c, testsetPath)).ToArray();
        var combos = Combinations(manifest, options)
            .OrderBy(c => c.Layout, StringComparer.Ordinal)
            .ThenBy(c => string.Equals(c.Variant.Name, options.ReferenceVariant, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ToList();
        var reference = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var rows = new List<EvaluationRow>();
        foreach (var (variant, layout) in combos)
        {
            float[] logits;
            try
            {
                logits = RunAll(manifest, set, testsetPath, variant, layout, options);
            }
            catch (UnsupportedVariantException ex)
            {
                rows.Add(new EvaluationRow(variant.Name, layout, 0, double.NaN, double.NaN, double.NaN, ex.Message));
                continue;
            }

            var isReference = string.Equals(variant.Name, options.ReferenceVariant, StringComparison.OrdinalIgnoreCase);
            if (isReference)
            {
                reference[layout] = logits;
            }

            rows.Add(Score(variant.Name, layout, labels, logits, manifest.Labels.Count, reference.GetValueOrDefault(layout), isReference));
        }

        return new EvaluationReport(manifest.Name, manifest.Version, options.Provider, options.ReferenceVariant, rows);
    }

    private float[] RunAll(ModelManifest manifest, GoldenSet set, string setPath, VariantSpec variant, string layout, VerifyOptions options)
    {
        using var engine = _factory.Create(manifest, Engine(variant, layout, options, options.MaxBatch));
        var runner = new WindowRunner(engine);
        var k = engine.OutputLength;
        var windowFloats = engine.WindowLength * engine.FrameLength;
        var batchInput = new float[engine.MaxBatch * windowFloats];
        var attention = new float[engine.MaxBatch * engine.WindowLength];
        var logits = new float[set.Cases.Count * k];
        for (var start = 0; start < set.Cases.Count; start += engine.MaxBatch)
        {
            var batch = Math.Min(engine.MaxBatch, set.Cases.Count - start);
            for (var b = 0; b < batch; b++)
            {
                GoldenReader.ReadInput(manifest, set.Cases[start + b], setPath).CopyTo(batchInput, b * windowFloats);
            }

            runner.Run(batchInput.AsSpan(0, batch * windowFloats), batch, logits.AsSpan(start * k, batch * k), attention.AsSpan(0, batch * engine.WindowLength));
        }

        return logits;
    }

    private static EvaluationRow Score(string variant, string layout, int[] labels, float[] logits, int k, float[]? reference, bool isReference)
    {
        int correct = 0, agree = 0;
        var maxDiff = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = logits.AsSpan(i * k, k);
            var top = ArgMax(row);
            correct += top == labels[i] ? 1 : 0;
            if (reference is not null)
            {
                var refRow = reference.AsSpan(i * k, k);
                agree += top == ArgMax(refRow) ? 1 : 0;
                maxDiff = Math.Max(maxDiff, MaxAbsDiff(row, refRow));
            }
        }

        double n = labels.Length;
        return reference is null
            ? new EvaluationRow(variant, layout, labels.Length, correct / n, double.NaN, double.NaN, "no reference variant in this layout")
            : new EvaluationRow(variant, layout, labels.Length, correct / n, agree / n, maxDiff, isReference ? "reference" : null);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    private static int LabelIndex(ModelManifest manifest, GoldenCase c, string setPath)
    {
        var index = c.Label is null ? -1 : manifest.Labels.ToList().IndexOf(c.Label);
        return index >= 0
            ? index
            : throw new ModelLoadException($"{DisplayPath.Of(setPath)}: case '{c.Name}' has label '{c.Label}', which is not one of the model's labels ({string.Join(", ", manifest.Labels)}).");
    }
}
