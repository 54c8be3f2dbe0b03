namespace EdgeStream.Host.Tests.Support;

/// <summary>A temporary folder with a config file and whatever files it names; deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig(string json)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgestream-host-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "edgestream.json");
        File.WriteAllText(Path, json);
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Creates a model folder holding a manifest.json (its content matters only to the model loader).</summary>
    public string AddModelFolder(string relative)
    {
        var folder = System.IO.Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "manifest.json"), "{}");
        return folder;
    }

    public string AddFile(string relative, string content = "")
    {
        var file = System.IO.Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
