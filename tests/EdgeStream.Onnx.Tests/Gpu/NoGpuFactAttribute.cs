namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>A fallback test: skipped, with the reason shown, on a machine where a CUDA GPU could really load.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NoGpuFactAttribute : FactAttribute
{
    public NoGpuFactAttribute()
    {
        if (File.Exists("/dev/nvidia0") || File.Exists("/dev/nvhost-ctrl-gpu"))
        {
            Skip = "an NVIDIA GPU is present (/dev/nvidia0 or a Jetson's /dev/nvhost-ctrl-gpu): the GPU provider may load, so the CPU fallback cannot be forced here.";
        }
    }
}
