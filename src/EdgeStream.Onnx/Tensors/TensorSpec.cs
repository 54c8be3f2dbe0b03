using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeStream.Onnx.Tensors;

/// <summary>What the manifest says one model input or output must be. Dims[0] is the batch axis; -1 in a model means dynamic.</summary>
internal sealed record TensorSpec(string Role, string Name, int[] Dims, TensorElementType ElementType)
{
    /// <summary>Floats (elements) per batch item. Computed once: it is read on every call.</summary>
    public int ItemLength { get; } = Dims.Skip(1).Aggregate(1, (a, d) => a * d);

    public string Describe() => $"[{string.Join(",", Dims.Select((d, i) => i == 0 ? "B" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] {ElementType}";

    public static string Describe(IReadOnlyList<int> dims, TensorElementType type) =>
        $"[{string.Join(",", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}] {type}";
}
