namespace EdgeStream.Onnx.Providers;

/// <summary>
/// The fallback rule: each provider steps down to the next, tensorrt -> cuda -> cpu. CPU is the last step only when
/// <c>FallbackToCpu</c> is on; TensorRT stepping down to plain CUDA stays on the GPU, so it is always allowed (and logged).
/// </summary>
internal static class ProviderChain
{
    public static IReadOnlyList<string> For(string provider, bool fallbackToCpu) => provider switch
    {
        ExecutionProviders.TensorRt => fallbackToCpu
            ? [ExecutionProviders.TensorRt, ExecutionProviders.Cuda, ExecutionProviders.Cpu]
            : [ExecutionProviders.TensorRt, ExecutionProviders.Cuda],
        ExecutionProviders.Cuda => fallbackToCpu ? [ExecutionProviders.Cuda, ExecutionProviders.Cpu] : [ExecutionProviders.Cuda],
        _ => [ExecutionProviders.Cpu],
    };

    public static bool IsGpu(string provider) => provider is ExecutionProviders.Cuda or ExecutionProviders.TensorRt;
}
