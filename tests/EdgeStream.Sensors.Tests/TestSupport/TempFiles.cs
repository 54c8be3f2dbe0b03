namespace EdgeStream.Sensors.Tests.TestSupport;

/// <summary>A folder of test files, deleted with the test.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edgestream-sensors-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="lines"/> joined with LF (plus a final LF) and returns the full path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
