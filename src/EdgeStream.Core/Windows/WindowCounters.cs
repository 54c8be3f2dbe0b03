namespace EdgeStream.Core.Windows;

/// <summary>
/// What the window stage counts per stream: windows emitted, windows dropped for freshness before inference,
/// rings cleared by a gap or out-of-order time, and steps or encoder batches that failed. Read with
/// <see cref="Interlocked.Read(ref readonly long)"/>.
/// </summary>
internal sealed class WindowCounters
{
    public long Windows;
    public long WindowsDropped;
    public long Resets;
    public long Errors;
}
