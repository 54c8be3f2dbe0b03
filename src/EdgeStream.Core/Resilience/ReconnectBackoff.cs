namespace EdgeStream.Core.Resilience;

/// <summary>
/// The one reconnect backoff (video sources, the MQTT connection, the outbox publisher): after <c>n</c> consecutive
/// failures the ceiling is <c>min(max, initial * 2^(n-1))</c> and the delay is drawn uniformly from
/// <c>[ceiling * (1 - jitter), ceiling]</c>. Stateless: each caller counts its own failures, so one instance may serve
/// several loops (the MQTT connection and the outbox share theirs).
/// </summary>
/// <remarks>
/// Why this jitter: AWS's "Exponential Backoff And Jitter" compares full jitter (<c>[0, ceiling]</c>), equal jitter
/// (<c>[ceiling/2, ceiling]</c>) and decorrelated jitter. With a jitter of 0.5 this is equal jitter,
/// which the MQTT client always used. Jitter only ever shortens the delay, so the cap is never exceeded and no second
/// clamp is needed; the symmetric band the video sources had (<c>[1 - j, 1 + j]</c>, clamped at the cap) put every
/// draw above the cap on exactly the cap, so cameras that failed together retried together again once they reached it.
/// Full jitter was not taken because it allows near-zero waits, which hammer a camera or broker that is down.
/// </remarks>
public sealed class ReconnectBackoff
{
    private readonly double _jitter;
    private readonly Random _random;

    /// <param name="initial">The ceiling after the first failure.</param>
    /// <param name="max">The largest ceiling (and so the longest delay).</param>
    /// <param name="jitter">The share of the ceiling that may be taken off at random, in [0, 1); 0 gives exact doubling.</param>
    /// <param name="random">The source of randomness (tests pass a seeded one); default <see cref="Random.Shared"/>.</param>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter must be in [0, 1).");
        }

        Initial = initial;
        Max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    /// <summary>The wait after <paramref name="failures"/> consecutive failed attempts (1 or more; less counts as 1).</summary>
    public TimeSpan Delay(int failures)
    {
        // The exponent is clamped long before 2^n could overflow or doubles lose meaning; the cap applies far earlier.
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (1 - (_jitter * _random.NextDouble())));
    }
}
