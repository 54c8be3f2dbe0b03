using EdgeStream.Core.Models;
using EdgeStream.Onnx.Tensors;

namespace EdgeStream.Onnx.Cuda;

/// <summary>What the GPU providers (CUDA, and TensorRT on it) need beyond the session options: the model part's input and sha256 (TensorRT profiles and cache key), the batch sizes to capture and the precision.</summary>
internal sealed record GpuSetup(GpuOptions Options, TensorSpec Input, BatchSizes Sizes, string Sha256, string Precision, ICudaRuntime Cuda);
