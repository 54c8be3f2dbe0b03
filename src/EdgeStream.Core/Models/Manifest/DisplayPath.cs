namespace EdgeStream.Core.Models.Manifest;

/// <summary>Paths in messages: relative to the working directory when under it (models/action/manifest.json), else absolute.</summary>
public static class DisplayPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
