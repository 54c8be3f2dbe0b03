using System.Text.Json.Nodes;

namespace EdgeStream.Onnx.Tests.Support;

/// <summary>A throw-away copy of a model folder that a test may break (edit the manifest, corrupt a file).</summary>
internal sealed class ModelCopy : IDisposable
{
    public ModelCopy(string source)
    {
        Folder = Path.Combine(Path.GetTempPath(), "edgestream-onnx-tests", Guid.NewGuid().ToString("N"));
        Copy(source, Folder);
    }

    public string Folder { get; }

    public string ManifestPath => Path.Combine(Folder, "manifest.json");

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Edits manifest.json as a JSON tree.</summary>
    public void EditManifest(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
        edit(root);
        File.WriteAllText(ManifestPath, root.ToJsonString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
