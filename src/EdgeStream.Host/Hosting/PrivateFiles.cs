using System.Runtime.InteropServices;

namespace EdgeStream.Host.Hosting;

/// <summary>
/// Every file EdgeStream creates is its user's alone: the outbox and its SQLite journal, JSON Lines event files,
/// crash reports, recordings. Under systemd the unit's <c>UMask=0077</c> does it; a command started by hand inherits
/// the shell's umask (usually 022, world-readable files), so the process adds 077 to it at start. One process-wide
/// mask rather than a mode per file, because SQLite creates its journal and WAL files itself.
/// </summary>
internal static class PrivateFiles
{
    private const int GroupAndOthers = 0b000_111_111; // 077

    /// <summary>Adds 077 to the process's umask (Linux, the platform EdgeStream ships for; nothing elsewhere). Returns the mask now in force.</summary>
    public static int Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // umask(2) can only be read by setting it: set a strict one, then the caller's with 077 added.
        var previous = Umask(GroupAndOthers);
        var strict = previous | GroupAndOthers;
        _ = Umask(strict); // returns the strict mask just set: nothing to check (umask cannot fail)
        return strict;
    }

    // DllImport, not LibraryImport: the generated marshaller needs unsafe code in the project, for one int.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Umask(int mask);
}
