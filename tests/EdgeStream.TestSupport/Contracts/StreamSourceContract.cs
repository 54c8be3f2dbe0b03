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

    /// <summary>Creates the source over a fresh input (and starts whatever feeds a live one).</summary>
    protected abstract Task<IStreamSource> CreateAsync();

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
        Assert.Empty(writer.Violations);
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

        await Eventually.TrueAsync(() => writer.Steps.Count >= StepsToSee || run.IsCompleted, $"{StepsToSee} steps from {source.StreamId}");
        Assert.False(run.IsFaulted, $"{source.StreamId} gave up: {run.Exception?.GetBaseException().Message}");
        await stop.CancelAsync();
        await AwaitStopped(run, stop.Token);
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
