using System.Buffers;

namespace EdgeStream.Core.Windows;

/// <summary>
/// A window on its way to inference: pooled data (input steps, then the target step for forecasters),
/// pooled step stamps, metadata. <see cref="IsEnd"/> marks the end of a stream instead (no buffers):
/// it follows the stream's last window so the decider closes open events in order.
/// </summary>
internal readonly record struct WindowItem(WindowStream Stream, float[]? Data, StepStamp[]? Stamps, WindowMeta Meta)
{
    public bool IsEnd => Data is null;

    public static WindowItem End(WindowStream stream) => new(stream, null, null, default);

    public void Release()
    {
        if (Data is not null)
        {
            Stream.Outlet.Pool.Return(Data);
        }

        if (Stamps is not null)
        {
            ArrayPool<StepStamp>.Shared.Return(Stamps);
        }
    }
}
