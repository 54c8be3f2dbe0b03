using System.Text;

namespace EdgeStream.Onnx.TensorRt;

/// <summary>
/// The folder holding one model's TensorRT engine and timing caches. ONNX Runtime names engine files after the model's
/// graph, not its weights: a retrained model with the same structure would load a stale engine. So the folder is keyed
/// by the model file's sha256, the GPU and the TensorRT and ONNX Runtime versions; any change builds anew.
/// </summary>
internal static class EngineCacheKey
{
    public static string Folder(string root, string sha256, string gpuName, string tensorRtVersion, string ortVersion) =>
        Path.Combine(root, $"{sha256[..Math.Min(16, sha256.Length)].ToLowerInvariant()}-{Slug(gpuName)}-trt{Slug(tensorRtVersion)}-ort{Slug(ortVersion)}");

    /// <summary>The configured root, else <c>$CACHE_DIRECTORY/tensorrt</c> (systemd CacheDirectory=), else <c>~/.cache/edgestream/tensorrt</c>.</summary>
    public static string Root(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        // systemd may pass several colon-separated folders; the first is ours.
        var systemd = Environment.GetEnvironmentVariable("CACHE_DIRECTORY")?.Split(':')[0];
        return !string.IsNullOrEmpty(systemd)
            ? Path.Combine(systemd, "tensorrt")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgestream", "tensorrt");
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' ? char.ToLowerInvariant(c) : '_');
        }

        return sb.ToString();
    }
}
