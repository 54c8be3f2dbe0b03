namespace EdgeStream.Video.Capture;

/// <summary>
/// Exponential backoff with jitter: initial, 2x, 4x ... capped at max, each scaled by a random factor in
/// [1 - jitter, 1 + jitter] (and capped again) so many cameras that failed together do not retry together.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        if (jitter is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter must be in [0, 1).");
        }

        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    public static ReconnectBackoff From(VideoSourceOptions options, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(TimeSpan.FromSeconds(options.ReconnectInitialSeconds), TimeSpan.FromSeconds(options.ReconnectMaxSeconds), options.ReconnectJitter, random);
    }

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Attempt { get; private set; }

    /// <summary>The delay before the next attempt; advances the attempt count.</summary>
    public TimeSpan Next()
    {
        // 2^attempt overflows nothing here: the exponent is clamped long before doubles lose meaning.
        var factor = Math.Pow(2, Math.Min(Attempt, 30));
        var baseSeconds = Math.Min(_max.TotalSeconds, _initial.TotalSeconds * factor);
        var jittered = baseSeconds * (1 - _jitter + (2 * _jitter * _random.NextDouble()));
        Attempt++;
        return TimeSpan.FromSeconds(Math.Min(_max.TotalSeconds, jittered));
    }

    /// <summary>Starts over at the initial delay (after a connection that delivered frames).</summary>
    public void Reset() => Attempt = 0;
}
