using EdgeStream.Core.Events;

namespace EdgeStream.Core.Decisions;

/// <summary>A stream's decision state: turns judged windows into events. Owned by one inference stage; not thread-safe.</summary>
public interface IWindowDecider
{
    /// <summary>Judges one window; appends any events it causes to <paramref name="events"/>.</summary>
    void Decide(in DecisionInput input, ICollection<DetectionEvent> events);

    /// <summary>The stream ended: closes an open event (phase end) into <paramref name="events"/>.</summary>
    void Finish(ICollection<DetectionEvent> events);

    /// <summary>The current label and score for the retained state topic; null before the first window.</summary>
    StreamState? CurrentState();
}
