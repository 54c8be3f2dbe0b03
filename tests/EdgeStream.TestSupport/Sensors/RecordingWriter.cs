using EdgeStream.Core.Buffers;
using EdgeStream.Core.Sources;
using Xunit;

namespace EdgeStream.TestSupport.Sensors;

/// <summary>
/// An <see cref="IStepWriter"/> that records what a source produced, returns every buffer to its pool like the
/// pipeline does, and checks the ownership rule: each rented buffer is written or given back exactly once.
/// Shared by the tests of the sensor sources: CSV replay (EdgeStream.Sensors) and MQTT topics (EdgeStream.Mqtt).
/// </summary>
public sealed class RecordingWriter(int stepLength, bool keepValues = true) : IStepWriter
{
    private readonly BufferPool _pool = new(stepLength);
    private readonly Lock _gate = new();
    private readonly List<WrittenStep> _steps = [];
    private readonly List<string> _rejects = [];
    private readonly List<(StreamHealth Health, string? Reason)> _health = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;

    public int StepLength => stepLength;

    /// <summary>Called after each write, under no lock (tests use it to stop a looped replay).</summary>
    public Action<RecordingWriter>? AfterWrite { get; set; }

    public long Written => Interlocked.Read(ref _written);

    public int Outstanding => Ledger.Outstanding;

    /// <summary>The ownership rule, as the pipeline's writer enforces it.</summary>
    public BufferLedger Ledger { get; } = new();

    public IReadOnlyList<WrittenStep> Steps { get { lock (_gate) { return [.. _steps]; } } }

    public IReadOnlyList<string> Rejects { get { lock (_gate) { return [.. _rejects]; } } }

    public IReadOnlyList<(StreamHealth Health, string? Reason)> Health { get { lock (_gate) { return [.. _health]; } } }

    public DateTimeOffset? LastTimestamp { get; private set; }

    public float[] Rent() => Ledger.RentFrom(_pool);

    public void GiveBack(float[] buffer) => Ledger.GiveBackTo(_pool, buffer, "recording");

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        Ledger.HandedOn(buffer, stepLength, "recording");
        lock (_gate)
        {
            if (LastTimestamp is { } last && timestamp <= last)
            {
                throw new InvalidOperationException($"non-increasing timestamp {timestamp:O} after {last:O}");
            }

            LastTimestamp = timestamp;
            if (keepValues)
            {
                _steps.Add(new WrittenStep(sequence, timestamp, capturedAt, buffer.AsSpan(0, stepLength).ToArray()));
            }
        }

        Interlocked.Increment(ref _written);
        _pool.Return(buffer);
        Signal();
        AfterWrite?.Invoke(this);
    }

    public void Reject(string reason)
    {
        lock (_gate)
        {
            _rejects.Add(reason);
        }

        Signal();
    }

    public void ReportHealth(StreamHealth health, string? reason = null)
    {
        lock (_gate)
        {
            _health.Add((health, reason));
        }

        Signal();
    }

    /// <summary>Waits (generously) until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public async Task WaitUntilAsync(Func<RecordingWriter, bool> condition, string what, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {timeoutSeconds} s waiting for {what}; written {Written}, rejects: {string.Join(" | ", Rejects)}");
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public sealed record WrittenStep(long Sequence, DateTimeOffset Timestamp, DateTimeOffset CapturedAt, float[] Values);
}
