using System.Runtime.InteropServices;

namespace EdgeStream.Onnx.TensorRt;

/// <summary>
/// Finds TensorRT (<c>libnvinfer.so.10</c>, what ONNX Runtime 1.31's TensorRT provider links) and reads its version with
/// <c>getInferLibVersion()</c> (a C export: major*10000 + minor*100 + patch for TensorRT 10). Absent on every machine here.
/// </summary>
internal static class TensorRtLibrary
{
    public const string Name = "libnvinfer.so.10";

    /// <summary>"10.13.3", or null when TensorRT cannot be loaded.</summary>
    public static unsafe string? Version()
    {
        if (!NativeLibrary.TryLoad(Name, out var lib))
        {
            return null;
        }

        if (!NativeLibrary.TryGetExport(lib, "getInferLibVersion", out var fn))
        {
            return "unknown";
        }

        var v = ((delegate* unmanaged<int>)fn)();
        return $"{v / 10000}.{v / 100 % 100}.{v % 100}";
    }
}
