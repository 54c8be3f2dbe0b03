using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Tests.Support;

/// <summary>A real, finite in-memory source: writes the given steps in order through the pipeline's writer.</summary>
internal sealed class ListSource(string streamId, IReadOnlyList<TestStep> steps) : IStreamSource
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StreamId { get; } = streamId;

    /// <summary>Start over when the list ends, until cancelled (a looping clip); timestamps keep increasing.</summary>
    public bool Loop { get; init; }

    /// <summary>Thrown after the last step (a source that gives up).</summary>
    public Exception? FailAtEnd { get; init; }

    /// <summary>Waited for before each step, if set.</summary>
    public Func<int, Task>? BeforeStep { get; init; }

    public int Written { get; private set; }

    /// <summary>Completes when the source wrote its last step (before any <see cref="FailAtEnd"/>).</summary>
    public Task Done => _done.Task;

    public async Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        // A source owns its stream's health: it is online once the input is open (here: at once).
        writer.ReportHealth(StreamHealth.Online);
        var offset = TimeSpan.Zero;
        var lap = 0L;
        do
        {
            for (var i = 0; i < steps.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (BeforeStep is not null)
                {
                    await BeforeStep(Written).ConfigureAwait(false);
                }

                var step = steps[i];
                var buffer = writer.Rent();
                step.Values.CopyTo(buffer.AsSpan());
                writer.Write(step.Sequence + (lap * steps.Count), step.Timestamp + offset, step.Timestamp + offset, buffer);
                Written++;
            }

            lap++;
            offset += steps[^1].Timestamp - steps[0].Timestamp + TimeSpan.FromSeconds(0.1);
            if (Loop)
            {
                await Task.Yield();
            }
        }
        while (Loop);

        _done.TrySetResult();
        if (FailAtEnd is not null)
        {
            throw FailAtEnd;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed record TestStep(long Sequence, DateTimeOffset Timestamp, float[] Values)
{
    /// <summary>Action frames of <paramref name="length"/> floats: value 0 is the label, value 1 the "salience" (attention target).</summary>
    public static List<TestStep> Frames(IEnumerable<int> labels, int length = 4, double fps = 10, Func<int, float>? salience = null)
    {
        var result = new List<TestStep>();
        var i = 0;
        foreach (var label in labels)
        {
            var values = new float[length];
            values[0] = label;
            values[1] = salience?.Invoke(i) ?? 0;
            result.Add(new TestStep(i, TestManifests.T0.AddSeconds(i / fps), values));
            i++;
        }

        return result;
    }

    public static List<TestStep> Samples(IEnumerable<float[]> rows, double hz = 1)
    {
        var result = new List<TestStep>();
        var i = 0;
        foreach (var row in rows)
        {
            result.Add(new TestStep(i, TestManifests.T0.AddSeconds(i / hz), row));
            i++;
        }

        return result;
    }
}
