using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>Log lines of pipeline assembly (event id 206, kept from when warm-up logged under systemd).</summary>
internal static partial class CompositionLog
{
    [LoggerMessage(206, LogLevel.Information, "Model {Model} warm: one inference on zeros in {Milliseconds:0.0} ms")]
    public static partial void Warm(ILogger logger, string model, double milliseconds);
}
