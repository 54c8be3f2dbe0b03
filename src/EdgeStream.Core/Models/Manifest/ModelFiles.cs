using System.Security.Cryptography;

namespace EdgeStream.Core.Models.Manifest;

/// <summary>Existence and sha256 checks of the files a manifest names: a truncated or swapped model fails here, not inside ONNX Runtime.</summary>
public static class ModelFiles
{
    /// <summary>Checks every variant's files and the golden file; returns one line per problem.</summary>
    public static List<string> Check(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var errors = new List<string>();
        for (var i = 0; i < manifest.Variants.Count; i++)
        {
            var v = manifest.Variants[i];
            foreach (var (part, file) in v.Parts())
            {
                if (CheckOne(manifest, file, $"variants[{i}] ({v.Name}).{part}") is { } error)
                {
                    errors.Add(error);
                }
            }
        }

        if (manifest.Golden is { Length: > 0 } golden && !File.Exists(manifest.Resolve(golden)))
        {
            errors.Add($"golden: file '{golden}' not found in {DisplayPath.Of(manifest.Directory)}; fix the path or remove the key.");
        }

        return errors;
    }

    /// <summary>Null when <paramref name="file"/> exists and its sha256 matches; else the problem, naming <paramref name="field"/>.</summary>
    public static string? CheckOne(ModelManifest manifest, ModelFile file, string field)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(file);
        var path = manifest.Resolve(file.File);
        if (!File.Exists(path))
        {
            return $"{field}.file: model file '{DisplayPath.Of(path)}' not found; copy the model file there or fix the path.";
        }

        var actual = Sha256Of(path);
        return string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{field}.sha256: '{DisplayPath.Of(path)}' has sha256 {actual}, the manifest expects {file.Sha256}: " +
              "the file is corrupt or from another export; copy the right file or update the manifest.";
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
