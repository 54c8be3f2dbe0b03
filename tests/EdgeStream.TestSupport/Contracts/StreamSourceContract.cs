using EdgeStream.Core.Sources;
using Xunit;

namespace EdgeStream.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IStreamSource"/> promises, run by each implementation and test double over a short real
/// input of its kind: it feeds the stream it names, reports itself online before its first step (the source owns
/// its stream's health), hands every buffer it rents on or back exactly once (also when stopped mid-step), writes
/// steps in increasing order, stops when cancelled, and can be disposed after a run, twice.
/// </summary>
public abstract class StreamSourceContract
{
    /// <summary>The stream id the source was created for.</summary>
    protected abstract string StreamId { get; }

    /// <summary>Floats per step the source writes.</summary>
    protected abstract int StepLength { get; }

    /// <summary>True when the input ends by itself (a file); false for a live input, which runs until cancelled.</summary>
    protected abstract bool Finite { get; }

    /// <summary>Steps the input yields at least (finite) or that are awaited before cancelling (live).</summary>
    protected virtual int StepsToSee => 5;

    /// <summary>Why this source cannot run here (a missing tool), or null. The contract then fails with the reason:
    /// xunit 2 cannot skip at run time, and CI installs what every source needs.</summary>
    protected virtual string? Unavailable => null;

    /// <summary>Creates the source over a fresh input (and starts whatever feeds a live one).</summary>
    protected abstract Task<IStreamSource> CreateSourceAsync();

    private Task<IStreamSource> CreateAsync()
    {
        Assert.True(Unavailable is null, $"{GetType().Name} cannot run here: {Unavailable}");
        return CreateSourceAsync();
    }

    [Fact]
    public async Task StreamId_IsTheStreamItFeeds()
    {
        await using var source = await CreateAsync();

        Assert.Equal(StreamId, source.StreamId);
    }

    [Fact]
    public async Task Run_ReportsOnlineBeforeItsFirstStep_AndHandsOnEveryBufferItRents()
    {
        await using var source = await CreateAsync();

        var writer = await RunAsync(source);

        Assert.True(writer.Steps.Count >= StepsToSee, $"{source.StreamId}: {writer.Steps.Count} steps, expected at least {StepsToSee}");
        Assert.True(writer.Violations.Count == 0, string.Join("\n", writer.Violations));
        Assert.Equal(0, writer.Ledger.Outstanding);
    }

    [Fact]
    public async Task Steps_HaveIncreasingSequencesAndTimestamps()
    {
        await using var source = await CreateAsync();

        var steps = (await RunAsync(source)).Steps;

        for (var i = 1; i < steps.Count; i++)
        {
            Assert.True(steps[i].Sequence > steps[i - 1].Sequence, $"step {i}: sequence {steps[i].Sequence} after {steps[i - 1].Sequence}");
            Assert.True(steps[i].Timestamp > steps[i - 1].Timestamp, $"step {i}: timestamp {steps[i].Timestamp:O} after {steps[i - 1].Timestamp:O}");
        }
    }

    [Fact]
    public async Task Run_WhenCancelledBeforeItStarts_ReturnsWithoutWriting()
    {
        await using var source = await CreateAsync();
        var writer = new CheckingWriter(StepLength, StreamId);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = Task.Run(() => source.RunAsync(writer, cancelled.Token));
        await AwaitStopped(run, cancelled.Token);

        Assert.Empty(writer.Steps);
        Assert.Equal(0, writer.Ledger.Outstanding);
    }

    [Fact]
    public async Task DisposeAsync_AfterARun_CanBeCalledTwice()
    {
        var source = await CreateAsync();
        await RunAsync(source);

        await source.DisposeAsync();
        await source.DisposeAsync();
    }

    /// <summary>
    /// Runs the source on the thread pool, as the pipeline does, until a finite input ends or a live one produced
    /// <see cref="StepsToSee"/> steps and was cancelled.
    /// </summary>
    protected async Task<CheckingWriter> RunAsync(IStreamSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var writer = new CheckingWriter(StepLength, StreamId);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => source.RunAsync(writer, stop.Token));
        if (Finite)
        {
            await run.WaitAsync(Eventually.Limit);
            return writer;
        }

        try
        {
            await Eventually.TrueAsync(() => writer.Steps.Count >= StepsToSee || run.IsCompleted, $"{StepsToSee} steps from {source.StreamId}");
            Assert.False(run.IsCompleted, $"{source.StreamId} is live but its run ended: {run.Exception?.GetBaseException().Message ?? "normally"}");
        }
        finally
        {
            // Stopped and awaited before the source is disposed, whatever the outcome, as the pipeline does.
            await stop.CancelAsync();
            await AwaitStopped(run, stop.Token);
        }

        return writer;
    }

    /// <summary>A cancelled run returns normally or with <see cref="OperationCanceledException"/>; anything else fails.</summary>
    private static async Task AwaitStopped(Task run, CancellationToken cancelled)
    {
        try
        {
            await run.WaitAsync(Eventually.Limit, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancelled.IsCancellationRequested)
        {
            // Stopping by throwing the token's cancellation is allowed by the port.
        }
    }
}
