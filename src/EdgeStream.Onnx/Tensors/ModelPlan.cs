using EdgeStream.Core.Models.Manifest;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeStream.Onnx.Tensors;

/// <summary>One ONNX file to load and the tensors the manifest says it has.</summary>
internal sealed record ModelPart(string Role, ModelFile File, TensorSpec Input, IReadOnlyList<TensorSpec> Outputs);

/// <summary>The contract's tensor shapes (docs/model-contract.md) for a variant in a layout; batch dims are placeholders (-1).</summary>
internal static class ModelPlan
{
    public static IReadOnlyList<ModelPart> For(ModelManifest m, VariantSpec variant, string layout)
    {
        var type = variant.IoType == "float16" ? TensorElementType.Float16 : TensorElementType.Float;
        var t = m.Tensors;
        var window = m.WindowLength();
        if (m.Task == ModelTask.Anomaly)
        {
            var c = m.Input.Channels!.Value;
            return
            [
                new("fused", variant.Fused!, new("window", t.Window!, [-1, window, c], type),
                    [new("forecast", t.Forecast!, [-1, c], type), new("attention", t.Attention!, [-1, window], type)]),
            ];
        }

        var i = m.Input;
        int[] frame = [i.Channels!.Value, i.Height!.Value, i.Width!.Value];
        var k = m.Labels.Count;
        TensorSpec[] headOutputs = [new("logits", t.Logits!, [-1, k], type), new("attention", t.Attention!, [-1, window], type)];
        if (layout == ManifestQueries.Fused)
        {
            return [new("fused", variant.Fused!, new("frames", t.Frames!, [-1, window, .. frame], type), headOutputs)];
        }

        var f = m.FeatureSize!.Value;
        return
        [
            new("encoder", variant.Encoder!, new("frames", t.Frames!, [-1, .. frame], type), [new("features", t.Features!, [-1, f], type)]),
            new("head", variant.Head!, new("features", t.Features!, [-1, window, f], type), headOutputs),
        ];
    }
}
