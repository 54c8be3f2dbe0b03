namespace EdgeStream.Core.Pipeline;

/// <summary>Per-stream counters, written from several stages; read with <see cref="Interlocked"/>.</summary>
internal sealed class StreamCounters
{
    public long Steps;
    public long StepsDropped;
    public long Rejected;
    public long Windows;
    public long WindowsDropped;
    public long Judged;
    public long Errors;
    public long Resets;

    public static long Read(ref long counter) => Interlocked.Read(ref counter);
}
