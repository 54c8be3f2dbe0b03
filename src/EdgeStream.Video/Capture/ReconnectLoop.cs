using EdgeStream.Core.Resilience;
using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Video.Capture;

/// <summary>
/// Runs capture sessions until the input ends or the token fires. A faulted session is reported
/// (stream Offline with the reason) and retried after an exponential backoff with jitter; a session that
/// delivered frames resets the backoff. After <c>maxAttempts</c> consecutive faults the source gives up
/// with a <see cref="VideoSourceException"/> (0: give up at the first fault).
/// </summary>
internal sealed class ReconnectLoop(
    string streamId,
    IStepWriter writer,
    ReconnectBackoff backoff,
    int? maxAttempts,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(Func<CancellationToken, Task<SessionOutcome>> session, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            SessionOutcome outcome;
            try
            {
                outcome = await session(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (outcome.Fault is null)
            {
                writer.ReportHealth(StreamHealth.Offline, outcome.Reason);
                CaptureLog.SourceEnded(logger, streamId, outcome.Frames, outcome.Reason);
                return;
            }

            if (outcome.Frames > 0)
            {
                failures = 0;
            }

            failures++;
            if (maxAttempts is { } max && failures > max)
            {
                writer.ReportHealth(StreamHealth.Offline, outcome.Fault);
                CaptureLog.SourceGaveUp(logger, streamId, failures, outcome.Fault);
                throw new VideoSourceException(outcome.Fault);
            }

            var delay = backoff.Delay(failures);
            writer.ReportHealth(StreamHealth.Offline, $"{outcome.Fault}; retry {failures} in {delay.TotalSeconds:0.0} s");
            CaptureLog.Reconnecting(logger, streamId, outcome.Fault, failures, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        writer.ReportHealth(StreamHealth.Offline, "stopped");
    }
}
