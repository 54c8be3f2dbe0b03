using EdgeStream.Core.Events;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Inference;

/// <summary>The inference stage's log lines (event ids 1030-1039, 1041).</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(1030, LogLevel.Error, "Engine {Model}: inference on a batch of {Count} windows failed")]
    public static partial void InferenceFailed(ILogger logger, string model, int count, Exception exception);

    [LoggerMessage(1031, LogLevel.Error, "Stream {Stream}: decision on window ending at step {Sequence} failed")]
    public static partial void DecisionFailed(ILogger logger, string stream, long sequence, Exception exception);

    [LoggerMessage(1041, LogLevel.Debug, "Stream {Stream}: {Phase} {Label} score {Score:F3}")]
    public static partial void EventProduced(ILogger logger, string stream, EventPhase phase, string label, double score);
}
