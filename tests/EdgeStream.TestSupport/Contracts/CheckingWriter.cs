using EdgeStream.Core.Buffers;
using EdgeStream.Core.Sources;

namespace EdgeStream.TestSupport.Contracts;

/// <summary>
/// The writer <see cref="StreamSourceContract"/> hands a source: it enforces the ownership rule through the same
/// <see cref="BufferLedger"/> the pipeline's writer uses, and records what the contract checks (sequences,
/// timestamps, health reports in order, and whether the source was online when it wrote its first step).
/// </summary>
public sealed class CheckingWriter(int stepLength, string streamId) : IStepWriter
{
    private readonly BufferPool _pool = new(stepLength);
    private readonly Lock _gate = new();
    private readonly List<(long Sequence, DateTimeOffset Timestamp)> _steps = [];
    private readonly List<(StreamHealth Health, string? Reason)> _health = [];
    private readonly List<string> _violations = [];

    public int StepLength => stepLength;

    public BufferLedger Ledger { get; } = new();

    public IReadOnlyList<(long Sequence, DateTimeOffset Timestamp)> Steps { get { lock (_gate) { return [.. _steps]; } } }

    public IReadOnlyList<(StreamHealth Health, string? Reason)> Health { get { lock (_gate) { return [.. _health]; } } }

    /// <summary>Rule breaks seen (also thrown at the source when they happen).</summary>
    public IReadOnlyList<string> Violations { get { lock (_gate) { return [.. _violations]; } } }

    public float[] Rent() => Ledger.RentFrom(_pool);

    public void GiveBack(float[] buffer) => Check(() => Ledger.GiveBackTo(_pool, buffer, streamId));

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        Check(() => Ledger.HandedOn(buffer, stepLength, streamId));
        lock (_gate)
        {
            if (_health.Count == 0 || _health[^1].Health == StreamHealth.Offline)
            {
                _violations.Add($"step {sequence} written while the source had not reported itself online (reports: {Describe()})");
            }

            _steps.Add((sequence, timestamp));
        }

        _pool.Return(buffer);
    }

    public void Reject(string reason) => ArgumentException.ThrowIfNullOrWhiteSpace(reason);

    public void ReportHealth(StreamHealth health, string? reason = null)
    {
        lock (_gate)
        {
            _health.Add((health, reason));
        }
    }

    private string Describe() => string.Join("; ", _health.Select(h => $"{h.Health} {h.Reason}"));

    private void Check(Action rule)
    {
        try
        {
            rule();
        }
        catch (InvalidOperationException e)
        {
            lock (_gate)
            {
                _violations.Add(e.Message);
            }

            throw;
        }
    }
}
