namespace EdgeStream.Core.Sources;

/// <summary>
/// A stream's input: a video file, a camera, a network stream, a CSV replay or an MQTT sensor topic.
/// A source produces time steps (preprocessed frames or raw sensor samples) into an <see cref="IStepWriter"/>.
/// </summary>
public interface IStreamSource : IAsyncDisposable
{
    /// <summary>The stream this source feeds (id and kind).</summary>
    string StreamId { get; }

    /// <summary>
    /// Produces steps until the input ends (returns normally) or <paramref name="cancellationToken"/> fires.
    /// Recoverable faults (a stall, a dropped connection, a bad sample) are reported through
    /// <see cref="IStepWriter.ReportHealth"/> / <see cref="IStepWriter.Reject"/> and retried inside;
    /// an exception means the source gave up. The call may block its thread (decoding, lossless writes): the
    /// pipeline runs each source on the thread pool. The source owns the stream's health: it reports
    /// <see cref="StreamHealth.Online"/> once its input is open, and offline with a reason when it loses it.
    /// </summary>
    Task RunAsync(IStepWriter writer, CancellationToken cancellationToken);
}
