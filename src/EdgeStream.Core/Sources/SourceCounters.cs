namespace EdgeStream.Core.Sources;

/// <summary>
/// What the source side of one stream counts: steps accepted from the source, steps dropped for freshness
/// before the window stage read them, and steps the source refused. Written from the source's thread and the
/// step channel's drop callback; read with <see cref="Interlocked.Read(ref readonly long)"/>.
/// </summary>
internal sealed class SourceCounters
{
    public long Steps;
    public long StepsDropped;
    public long Rejected;
}
