using EdgeStream.Core.Decisions;
using EdgeStream.Core.Models;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// One stream as the host wires it: its options, its source and the engine of its model. Streams given
/// the same engine instance share it and are batched together; the host creates one engine per model
/// and disposes of it after the pipeline ran. <see cref="IgnoredLabels"/>: action labels that never
/// start an event (a background class such as <c>idle</c>); default none. <see cref="ScoreRecorder"/>: hears
/// every judged window of an anomaly stream (<c>edgestream evaluate</c>); default none.
/// </summary>
public sealed record StreamBinding(StreamOptions Options, IStreamSource Source, IInferenceEngine Engine)
{
    public IReadOnlyCollection<string> IgnoredLabels { get; init; } = [];

    public IAnomalyScoreRecorder? ScoreRecorder { get; init; }
}
