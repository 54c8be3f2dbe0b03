using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// Compares a loaded model's inputs and outputs with what the manifest promises: names, element types and every
/// dimension but the batch axis (dynamic axes in the model accept the manifest's value). Returns the model's batch
/// limit: <see cref="int.MaxValue"/> for a dynamic batch axis, 1 for an export with a fixed batch of 1.
/// </summary>
internal static class SessionValidator
{
    public static int Check(InferenceSession session, string path, TensorSpec input, IReadOnlyList<TensorSpec> outputs)
    {
        var file = DisplayPath.Of(path);
        var batchLimit = int.MaxValue;
        if (session.InputMetadata.Count != 1)
        {
            throw new ModelLoadException($"{file}: the model has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); expected exactly one, '{input.Name}'.");
        }

        batchLimit = Math.Min(batchLimit, CheckOne(session.InputMetadata, "input", input, file));
        foreach (var output in outputs)
        {
            batchLimit = Math.Min(batchLimit, CheckOne(session.OutputMetadata, "output", output, file));
        }

        return batchLimit;
    }

    private static int CheckOne(IReadOnlyDictionary<string, NodeMetadata> metadata, string kind, TensorSpec spec, string file)
    {
        if (!metadata.TryGetValue(spec.Name, out var meta))
        {
            throw new ModelLoadException($"{file}: {kind} '{spec.Name}' ({spec.Role}, named by the manifest's tensors) not found; the model has {kind}s: {string.Join(", ", metadata.Keys)}. Fix tensors.* in the manifest or re-export with that name.");
        }

        var dims = meta.Dimensions;
        var actual = TensorSpec.Describe(dims, meta.ElementDataType);
        if (!meta.IsTensor || meta.ElementDataType != spec.ElementType)
        {
            throw new ModelLoadException($"{file}: {kind} '{spec.Name}' has element type {meta.ElementDataType}, the manifest's ioType expects {spec.ElementType}.");
        }

        var matches = dims.Length == spec.Dims.Length;
        for (var i = 1; matches && i < dims.Length; i++)
        {
            matches = dims[i] < 0 || dims[i] == spec.Dims[i];
        }

        if (!matches)
        {
            throw new ModelLoadException($"{file}: {kind} '{spec.Name}' has shape {actual}, expected {spec.Describe()} from the manifest ({spec.Role}); the model and manifest do not match.");
        }

        return dims[0] switch
        {
            < 0 => int.MaxValue,
            1 => 1,
            _ => throw new ModelLoadException($"{file}: {kind} '{spec.Name}' has a fixed batch size of {dims[0]} ({actual}); export with a dynamic batch axis (dynamic_axes) or batch 1."),
        };
    }
}
