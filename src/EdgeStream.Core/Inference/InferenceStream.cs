using EdgeStream.Core.Decisions;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Inference;

/// <summary>
/// The inference stage's state of one stream: its decider and what the stage counts. Touched only by the
/// inference stage of the stream's engine; counters are read with <see cref="Interlocked.Read(ref readonly long)"/>.
/// </summary>
internal sealed class InferenceStream
{
    public InferenceStream(WindowStream window, IWindowDecider decider)
    {
        Window = window;
        Decider = decider;
    }

    /// <summary>The stream as the window stage knows it (id, slot, end marker dropped).</summary>
    public WindowStream Window { get; }

    public string Id => Window.Id;

    public IWindowDecider Decider { get; }

    /// <summary>The decider was finished (open events closed).</summary>
    public bool Finished { get; set; }

    /// <summary>Windows that went through inference and decision.</summary>
    public long Judged;

    /// <summary>Batches or decisions that failed for this stream.</summary>
    public long Errors;
}
