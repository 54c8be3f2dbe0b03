using Microsoft.Extensions.Logging;

namespace EdgeStream.Sensors;

/// <summary>
/// Every log line of the CSV sensor source (event ids 3000-3099; 3010-3019 are the MQTT sensor source's, in
/// EdgeStream.Mqtt/Sensors/SensorLog.cs). Rejected samples are logged by the step writer.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Stream {StreamId}: replaying {Path} ({Channels} channels: {ChannelNames}; delimiter '{Delimiter}'; {Pacing})")]
    public static partial void CsvReplayStarted(ILogger logger, string streamId, string path, int channels, string channelNames, char delimiter, string pacing);

    [LoggerMessage(3001, LogLevel.Information, "Stream {StreamId}: end of {Path} after {Written} samples ({Rejected} rejected)")]
    public static partial void CsvReplayFinished(ILogger logger, string streamId, string path, long written, long rejected);

    [LoggerMessage(3002, LogLevel.Debug, "Stream {StreamId}: {Path} loops (pass {Pass}), timestamps shifted by {Offset}")]
    public static partial void CsvReplayLooped(ILogger logger, string streamId, string path, int pass, TimeSpan offset);

    [LoggerMessage(3003, LogLevel.Warning, "Stream {StreamId}: {Path} has no valid sample; not looping over it")]
    public static partial void CsvReplayNothingValid(ILogger logger, string streamId, string path);
}
