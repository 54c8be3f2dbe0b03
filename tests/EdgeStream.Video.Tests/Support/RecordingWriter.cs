using EdgeStream.Core.Buffers;
using EdgeStream.Core.Sources;

namespace EdgeStream.Video.Tests.Support;

/// <summary>
/// An in-memory <see cref="IStepWriter"/>: keeps every written step (sequence, timestamps, first values),
/// rejects and health reports, enforces the buffer ownership rule (<see cref="BufferLedger"/>), returns buffers to a
/// real <see cref="BufferPool"/>, and lets a test wait for a condition.
/// </summary>
internal sealed class RecordingWriter(int stepLength) : IStepWriter
{
    private readonly Lock _lock = new();
    private readonly List<Step> _steps = [];
    private readonly List<string> _rejects = [];
    private readonly List<(StreamHealth Health, string? Reason)> _health = [];

    public BufferPool Pool { get; } = new(stepLength);

    public int StepLength => stepLength;

    /// <summary>Keep a copy of each step's data (off by default: long runs).</summary>
    public bool KeepData { get; init; }

    public IReadOnlyList<Step> Steps { get { lock (_lock) { return [.. _steps]; } } }

    public IReadOnlyList<string> Rejects { get { lock (_lock) { return [.. _rejects]; } } }

    public IReadOnlyList<(StreamHealth Health, string? Reason)> Health { get { lock (_lock) { return [.. _health]; } } }

    public int Count { get { lock (_lock) { return _steps.Count; } } }

    /// <summary>The ownership rule, as the pipeline's writer enforces it.</summary>
    public BufferLedger Ledger { get; } = new();

    public float[] Rent() => Ledger.RentFrom(Pool);

    public void GiveBack(float[] buffer) => Ledger.GiveBackTo(Pool, buffer, "recording");

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        Ledger.HandedOn(buffer, stepLength, "recording");
        var data = KeepData ? buffer.AsSpan(0, stepLength).ToArray() : null;
        var mean = Mean(buffer);
        lock (_lock)
        {
            _steps.Add(new Step(sequence, timestamp, capturedAt, mean, data));
        }

        Pool.Return(buffer);
    }

    public void Reject(string reason)
    {
        lock (_lock)
        {
            _rejects.Add(reason);
        }
    }

    public void ReportHealth(StreamHealth health, string? reason = null)
    {
        lock (_lock)
        {
            _health.Add((health, reason));
        }
    }

    /// <summary>Waits (generously) until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public async Task WaitUntilAsync(Func<RecordingWriter, bool> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for: {what}. Steps {Count}, health: {string.Join("; ", Health.Select(h => $"{h.Health} {h.Reason}"))}");
            await Task.Delay(20);
        }
    }

    private float Mean(float[] buffer)
    {
        double sum = 0;
        for (var i = 0; i < stepLength; i++)
        {
            sum += buffer[i];
        }

        return (float)(sum / stepLength);
    }

    internal sealed record Step(long Sequence, DateTimeOffset Timestamp, DateTimeOffset CapturedAt, float Mean, float[]? Data);
}
