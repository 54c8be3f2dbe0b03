using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace EdgeStream.Core.Tests.Support;

/// <summary>
/// Collects the runtime's allocation samples (GCAllocationTick: one per ~100 KB allocated, with the type that crossed
/// the mark), so an allocation test that fails can say what was allocated.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, int> _types = new(StringComparer.Ordinal);
    private volatile bool _on;

    public void Start() => _on = true;

    public void Stop() => _on = false;

    public string Report() => string.Join(", ", _types.OrderByDescending(t => t.Value).Select(t => $"{t.Key} x{t.Value}"));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var i = eventData.PayloadNames.IndexOf("TypeName");
        var type = i >= 0 ? eventData.Payload?[i]?.ToString() ?? "?" : "?";
        _types.AddOrUpdate(type, 1, (_, n) => n + 1);
    }
}
