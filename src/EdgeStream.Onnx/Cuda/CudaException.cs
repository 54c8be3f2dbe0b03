namespace EdgeStream.Onnx.Cuda;

/// <summary>A CUDA runtime call failed; <c>Sessions/OrtErrors</c> turns it into EdgeStream's exceptions.</summary>
public sealed class CudaException : Exception
{
    public CudaException()
    {
    }

    public CudaException(string message)
        : base(message)
    {
    }

    public CudaException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CudaException(string call, int code, string? name)
        : base($"{call} failed: CUDA error {code} ({name ?? "unknown"})")
    {
        Code = code;
    }

    /// <summary>The <c>cudaError_t</c> value (0 = success, never seen here).</summary>
    public int Code { get; }
}
