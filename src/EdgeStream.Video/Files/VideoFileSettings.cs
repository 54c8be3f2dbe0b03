namespace EdgeStream.Video.Files;

/// <summary>Per-stream settings of a file source.</summary>
/// <param name="Loop">Start over at the end (timestamps and sequence numbers keep increasing).</param>
/// <param name="Realtime">Pace frames by their timestamps; false reads as fast as possible.</param>
/// <param name="Epoch">Wall time of stream time zero; default: the clock's time when the source starts. Fix it for byte-identical replays.</param>
public sealed record VideoFileSettings(bool Loop = false, bool Realtime = true, DateTimeOffset? Epoch = null);
