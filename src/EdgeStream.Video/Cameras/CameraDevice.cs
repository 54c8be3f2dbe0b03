using System.Globalization;

namespace EdgeStream.Video.Cameras;

/// <summary>A V4L2 device by index (<c>v4l2:0</c>) or path (<c>/dev/video0</c>).</summary>
public sealed record CameraDevice(int? Index, string Path)
{
    public static CameraDevice FromIndex(int index) => new(index, $"/dev/video{index.ToString(CultureInfo.InvariantCulture)}");

    public static CameraDevice FromPath(string path) => new(null, path);

    public override string ToString() => Index is { } i ? $"v4l2:{i.ToString(CultureInfo.InvariantCulture)} ({Path})" : Path;
}
