namespace EdgeStream.Core.Models;

/// <summary>
/// The model is fine but this build or provider cannot run the requested variant (e.g. fp16 on a CPU provider
/// without fp16 kernels). Parity checks report such a variant as skipped instead of failed.
/// </summary>
public sealed class UnsupportedVariantException : ModelLoadException
{
    public UnsupportedVariantException(string message)
        : base(message)
    {
    }

    public UnsupportedVariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnsupportedVariantException()
    {
    }
}
