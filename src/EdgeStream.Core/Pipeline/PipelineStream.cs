using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Inference;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// One stream seen across the stages: its source side (<see cref="StepWriter"/>), its window-stage state and
/// its inference-stage state, each owned by its stage. Reads their counters for the status and the snapshot.
/// </summary>
internal sealed class PipelineStream : IStreamTelemetry
{
    public PipelineStream(StreamBinding binding, StepWriter source, WindowStream window, InferenceStream inference, EventContext context)
    {
        Binding = binding;
        Source = source;
        Window = window;
        Inference = inference;
        Context = context;
    }

    public string Id => Source.StreamId;

    public StreamBinding Binding { get; }

    public StepWriter Source { get; }

    public WindowStream Window { get; }

    public InferenceStream Inference { get; }

    public EventContext Context { get; }

    /// <summary>The source's health, unless the source is fine but no window can fill (then degraded, with why).</summary>
    public (StreamHealth Health, string? Reason) ReadHealth()
    {
        var (health, reason) = Source.Health.Read();
        return health == StreamHealth.Online && Window.Starved is { } starved ? (StreamHealth.Degraded, starved) : (health, reason);
    }

    public StreamCounts ReadCounts() => new(
        Interlocked.Read(ref Source.Counters.Steps),
        Interlocked.Read(ref Source.Counters.StepsDropped) + Interlocked.Read(ref Window.Counters.WindowsDropped),
        Interlocked.Read(ref Source.Counters.Rejected),
        Interlocked.Read(ref Window.Counters.Windows),
        Context.Events);

    public StreamState? CurrentState() => Inference.Decider.CurrentState();

    public StreamSnapshot Snapshot(double fps)
    {
        var (health, reason) = ReadHealth();
        return new StreamSnapshot(
            Id,
            health,
            reason,
            fps,
            Interlocked.Read(ref Source.Counters.Steps),
            Interlocked.Read(ref Source.Counters.StepsDropped),
            Interlocked.Read(ref Source.Counters.Rejected),
            Interlocked.Read(ref Window.Counters.Windows),
            Interlocked.Read(ref Window.Counters.WindowsDropped),
            Interlocked.Read(ref Inference.Judged),
            Context.Events,
            Interlocked.Read(ref Window.Counters.Errors) + Interlocked.Read(ref Inference.Errors),
            Interlocked.Read(ref Window.Counters.Resets),
            Window.LastStepTimestamp,
            Window.Starved);
    }
}
