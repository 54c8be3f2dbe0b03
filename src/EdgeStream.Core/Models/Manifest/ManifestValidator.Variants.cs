namespace EdgeStream.Core.Models.Manifest;

public static partial class ManifestValidator
{
    public static readonly IReadOnlyList<string> Precisions = ["fp32", "fp16", "int8"];
    public static readonly IReadOnlyList<string> IoTypes = ["float32", "float16"];

    private static void ValidateActionTensors(List<string> e, ModelManifest m)
    {
        var t = m.Tensors;
        Required(e, "tensors.frames", t.Frames);
        Required(e, "tensors.logits", t.Logits);
        Required(e, "tensors.attention", t.Attention);
        var split = m.Variants.Any(v => v.Encoder is not null || v.Head is not null);
        if (split)
        {
            Required(e, "tensors.features", t.Features);
            Positive(e, "featureSize", m.FeatureSize, "the encoder's feature size F (features[N,F])");
        }
    }

    private static void ValidateAnomalyTensors(List<string> e, ModelManifest m)
    {
        var t = m.Tensors;
        Required(e, "tensors.window", t.Window);
        Required(e, "tensors.forecast", t.Forecast);
        Required(e, "tensors.attention", t.Attention);
    }

    private static void ValidateVariants(List<string> e, ModelManifest m)
    {
        if (m.Variants.Count == 0)
        {
            e.Add("variants is empty; list at least one variant (e.g. fp32) with its ONNX file(s).");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < m.Variants.Count; i++)
        {
            var v = m.Variants[i];
            var at = $"variants[{i}]";
            if (string.IsNullOrWhiteSpace(v.Name))
            {
                e.Add($"{at}.name is missing; name the variant (fp32, fp16, int8).");
            }
            else if (!names.Add(v.Name))
            {
                e.Add($"{at}.name '{v.Name}' appears twice; variant names must be unique.");
            }

            OneOf(e, $"{at}.precision", v.Precision, Precisions);
            OneOf(e, $"{at}.ioType", v.IoType, IoTypes);
            if ((v.Encoder is null) != (v.Head is null))
            {
                e.Add($"{at} has {(v.Encoder is null ? "head" : "encoder")} without {(v.Encoder is null ? "encoder" : "head")}; a split model needs both (or give only 'fused').");
            }
            else if (v.Fused is null && v.Encoder is null)
            {
                e.Add($"{at} has no model file; give 'fused', or 'encoder' and 'head'.");
            }

            if (m.Task == ModelTask.Anomaly && v.Encoder is not null)
            {
                e.Add($"{at}.encoder: anomaly models run fused only; remove encoder/head.");
            }

            foreach (var (part, file) in v.Parts())
            {
                ValidateFile(e, $"{at}.{part}", file);
            }
        }
    }

    private static void ValidateFile(List<string> e, string at, ModelFile f)
    {
        if (string.IsNullOrWhiteSpace(f.File))
        {
            e.Add($"{at}.file is missing; give the ONNX file's path relative to the manifest.");
        }

        if (f.Sha256.Length != 64 || !f.Sha256.All(char.IsAsciiHexDigit))
        {
            e.Add($"{at}.sha256 '{f.Sha256}' is not a sha256 (64 hex digits); compute it with `sha256sum {f.File}`.");
        }
    }
}
