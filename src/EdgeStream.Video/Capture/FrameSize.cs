namespace EdgeStream.Video.Capture;

/// <summary>
/// The smallest picture EdgeStream judges. A frame is stretched to the model's input (64x64 for the shipped action
/// model); below 32 pixels a side that is more than a 2x blow-up of almost nothing, and the model answers with
/// confidence anyway. So such an input is refused with a reason (an honest "I can't") instead of yielding events.
/// </summary>
internal static class FrameSize
{
    /// <summary>Pixels each side must have at least.</summary>
    public const int MinSide = 32;

    /// <summary>Why frames of this size cannot be judged, or null. A size of 0 (the backend does not say) passes.</summary>
    public static string? Problem(string what, int width, int height) =>
        width > 0 && height > 0 && (width < MinSide || height < MinSide)
            ? $"{what}: frames are {width}x{height} pixels; EdgeStream needs at least {MinSide}x{MinSide} to judge anything (a smaller picture stretched to the model's input gives confident nonsense)"
            : null;
}
