using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Sources;

/// <summary>
/// Runs one stream's source and completes its writer when the source returns. The source owns the stream's
/// health while it runs (online when it opened its input, offline with its own reason when it ends or
/// reconnects); afterwards the runner adds only what the source could not say: "ended" or "stopped" when the
/// source left the stream online, "source failed: ..." when it threw.
/// </summary>
internal static class SourceRunner
{
    public static async Task RunAsync(IStreamSource source, StepWriter writer, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            // The only place a source is put on the thread pool, never on the caller's context: a source may
            // block (lossless writes, blocking reads), and the pipeline's other sources must go on.
            await Task.Run(() => source.RunAsync(writer, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            SourceLog.SourceEnded(logger, writer.StreamId);
            ReportEnd(writer, cancellationToken.IsCancellationRequested ? "stopped" : "ended");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ReportEnd(writer, "stopped");
        }
        catch (SourceGaveUpException ex)
        {
            SourceLog.SourceGaveUp(logger, writer.StreamId, ex.Message);
            writer.ReportHealth(StreamHealth.Offline, $"source failed: {ex.Message}");
        }
#pragma warning disable CA1031 // A source that gives up takes only its own stream offline (docs/architecture.md, "Failures").
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SourceLog.SourceFailed(logger, writer.StreamId, ex);
            writer.ReportHealth(StreamHealth.Offline, $"source failed: {ex.Message}");
        }
        finally
        {
            writer.Complete();
        }
    }

    /// <summary>Keeps the source's own last word (for example "end of file ...") when it already said offline.</summary>
    private static void ReportEnd(StepWriter writer, string reason)
    {
        if (!writer.Health.Reported || writer.Health.Read().Health != StreamHealth.Offline)
        {
            writer.ReportHealth(StreamHealth.Offline, reason);
        }
    }
}
