namespace EdgeStream.Core.Windows;

/// <summary>A window step's source sequence number and stream timestamp (for key frames and event times).</summary>
public readonly record struct StepStamp(long Sequence, DateTimeOffset Timestamp);
