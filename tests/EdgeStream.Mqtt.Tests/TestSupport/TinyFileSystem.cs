using System.Globalization;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>
/// A real, small file system (tmpfs of a given size) mounted on a temp folder, so a test can fill the disk for real;
/// resizable while mounted; unmounted on dispose. Needs permission to mount (root with CAP_SYS_ADMIN).
/// </summary>
internal sealed class TinyFileSystem : IDisposable
{
    private static readonly Lazy<string?> MountRefused = new(Probe);

    private TinyFileSystem(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Why tmpfs cannot be mounted here (null: it can).</summary>
    public static string? WhyUnavailable => MountRefused.Value;

    public static TinyFileSystem Mount(long bytes)
    {
        var folder = Directory.CreateTempSubdirectory("edgestream-tinyfs-").FullName;
        var error = Tools.Failure("mount", "-t", "tmpfs", "-o", Size(bytes), "tmpfs", folder);
        if (error is not null)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException(error);
        }

        return new TinyFileSystem(folder);
    }

    /// <summary>Grows (or shrinks) the mounted file system; what is on it stays.</summary>
    public void Resize(long bytes)
    {
        var error = Tools.Failure("mount", "-o", "remount," + Size(bytes), Folder);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }
    }

    public void Dispose()
    {
        var error = Tools.Failure("umount", Folder);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }

        Directory.Delete(Folder);
    }

    private static string Size(long bytes) => "size=" + bytes.ToString(CultureInfo.InvariantCulture);

    private static string? Probe()
    {
        try
        {
            using var probe = Mount(64 * 1024);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return $"cannot mount a test tmpfs ({ex.Message}); this test needs root with permission to mount (CAP_SYS_ADMIN)";
        }
    }
}

/// <summary>A fact skipped, with the reason shown, where a test tmpfs cannot be mounted.</summary>
internal sealed class TinyFileSystemFactAttribute : FactAttribute
{
    public TinyFileSystemFactAttribute() => Skip = TinyFileSystem.WhyUnavailable;
}
