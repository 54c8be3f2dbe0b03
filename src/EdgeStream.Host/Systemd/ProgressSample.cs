namespace EdgeStream.Host.Systemd;

/// <summary>
/// The pipeline's totals at one moment, as the watchdog sees them. <see cref="SourceSteps"/>: steps the sources
/// delivered (accepted or rejected: either way the source is alive). <see cref="Windows"/>, <see cref="WindowsDropped"/>,
/// <see cref="Judged"/>, <see cref="Errors"/>: what the windows became. <see cref="Online"/>: streams whose source says
/// it is producing (online or degraded); the others said why they are not (reconnecting, ended, stopped).
/// <see cref="SinceStageProgress"/>: how long since the step stage or an inference stage last did work.
/// </summary>
internal readonly record struct ProgressSample(
    long SourceSteps,
    long Windows,
    long WindowsDropped,
    long Judged,
    long Errors,
    long Events,
    int Streams,
    int Online,
    TimeSpan SinceStageProgress)
{
    /// <summary>Windows emitted and neither judged, dropped nor failed yet: queued for inference or in a batch.</summary>
    public long PendingWindows => Math.Max(0, Windows - WindowsDropped - Judged - Errors);

    /// <summary>Windows that went through inference, with or without success.</summary>
    public long Inferred => Judged + Errors;
}
