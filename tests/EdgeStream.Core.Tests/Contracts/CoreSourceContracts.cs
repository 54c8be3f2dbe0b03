using EdgeStream.Core.Sources;
using EdgeStream.Core.Tests.Support;
using EdgeStream.TestSupport.Contracts;

namespace EdgeStream.Core.Tests.Contracts;

/// <summary>The in-memory source the pipeline tests use, finite.</summary>
public sealed class ListSourceContract : StreamSourceContract
{
    protected override string StreamId => "list";

    protected override int StepLength => 4;

    protected override bool Finite => true;

    protected override Task<IStreamSource> CreateSourceAsync() =>
        Task.FromResult<IStreamSource>(new ListSource(StreamId, TestStep.Frames(Enumerable.Repeat(1, 8))));
}

/// <summary>The same source looping (a live input that runs until cancelled).</summary>
public sealed class LoopingListSourceContract : StreamSourceContract
{
    protected override string StreamId => "loop";

    protected override int StepLength => 4;

    protected override bool Finite => false;

    protected override int StepsToSee => 20;

    protected override Task<IStreamSource> CreateSourceAsync() =>
        Task.FromResult<IStreamSource>(new ListSource(StreamId, TestStep.Frames(Enumerable.Repeat(1, 8))) { Loop = true });
}
