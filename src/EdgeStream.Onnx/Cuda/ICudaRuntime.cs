namespace EdgeStream.Onnx.Cuda;

/// <summary>
/// The few CUDA runtime calls the GPU path makes (<c>libcudart.so.13</c>, <see cref="CudaRuntime"/>), behind an interface
/// so the binding logic (which buffer, which address, how many bytes, in which order) is tested on machines without a GPU.
/// Every call throws <see cref="CudaException"/> on a CUDA error.
/// </summary>
internal interface ICudaRuntime
{
    /// <summary>Makes <paramref name="device"/> current for this thread (ONNX Runtime's session uses the same device id).</summary>
    void SetDevice(int device);

    /// <summary>The GPU's marketing name ("NVIDIA H100 80GB HBM3"), part of the TensorRT cache key.</summary>
    string DeviceName(int device);

    /// <summary><c>cudaMalloc</c>: device memory; its address never changes (CUDA graphs replay on it).</summary>
    IntPtr AllocDevice(long bytes);

    void FreeDevice(IntPtr pointer);

    /// <summary><c>cudaMallocHost</c>: page-locked host memory, copied to and from the device by DMA.</summary>
    IntPtr AllocPinnedHost(long bytes);

    void FreePinnedHost(IntPtr pointer);

    /// <summary>
    /// <c>cudaMemcpy</c> host to device. From page-locked memory it returns when the copy is done; from pageable memory
    /// it may return once the data is staged, before it lands on the device (<see cref="DeviceIo.CopyIn"/> then waits).
    /// </summary>
    void CopyToDevice(IntPtr device, IntPtr host, long bytes);

    /// <summary><c>cudaMemcpy</c> device to host; returns when the copy is done.</summary>
    void CopyToHost(IntPtr host, IntPtr device, long bytes);

    /// <summary><c>cudaDeviceSynchronize</c>: returns when all work queued on the current device, copies included, is done.</summary>
    void Synchronize();
}
