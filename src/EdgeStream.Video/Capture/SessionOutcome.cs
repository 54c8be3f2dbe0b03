namespace EdgeStream.Video.Capture;

/// <summary>
/// How one capture session (one open of a file, camera or ffmpeg process) ended: the input finished
/// (<see cref="Fault"/> null: stop), or a fault (reconnect or give up).
/// </summary>
internal readonly record struct SessionOutcome(long Frames, string? Fault, string Reason)
{
    public static SessionOutcome Ended(long frames, string reason) => new(frames, null, reason);

    public static SessionOutcome Failed(long frames, string fault) => new(frames, fault, fault);
}
