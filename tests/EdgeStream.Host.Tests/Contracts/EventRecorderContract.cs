using EdgeStream.Core.Events;
using EdgeStream.Host.Replay;
using EdgeStream.TestSupport.Contracts;

namespace EdgeStream.Host.Tests.Contracts;

/// <summary>The replay command's in-memory recorder (its summary and the replay tests read it).</summary>
public sealed class EventRecorderContract : EventSinkContract
{
    protected override Task<IEventSink> CreateAsync() => Task.FromResult<IEventSink>(new EventRecorder());

    protected override Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count) =>
        Task.FromResult<IReadOnlyList<string>>([.. ((EventRecorder)sink).Events.Select(e => e.Label)]);
}
