namespace EdgeStream.Core.Models.Manifest;

/// <summary>
/// Reads and validates <c>models/&lt;name&gt;/manifest.json</c> (docs/model-contract.md). Every problem is reported
/// at once in one <see cref="ModelLoadException"/> whose lines name the file, the field and the fix.
/// </summary>
public static class ManifestLoader
{
    public const string FileName = "manifest.json";

    /// <summary>Loads a manifest from a model folder or a manifest file path.</summary>
    /// <param name="path">The model folder (holding manifest.json) or the manifest file itself.</param>
    /// <param name="verifyFiles">Check that every model file exists and matches its sha256, and that the golden file exists.</param>
    public static ModelManifest Load(string path, bool verifyFiles = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        var manifest = ManifestJson.Read<ModelManifest>(file, "model manifest") with
        {
            Directory = Path.GetDirectoryName(Path.GetFullPath(file))!,
        };

        var errors = ManifestValidator.Validate(manifest);
        if (errors.Count == 0 && verifyFiles)
        {
            errors = ModelFiles.Check(manifest);
        }

        if (errors.Count > 0)
        {
            throw new ModelLoadException(Format(DisplayPath.Of(file), errors));
        }

        return manifest;
    }

    internal static string Format(string display, IReadOnlyList<string> errors) => errors.Count == 1
        ? $"{display}: {errors[0]}"
        : $"{display}: {errors.Count} problems:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}";
}
