namespace EdgeStream.Mqtt.Connection;

/// <summary>
/// Exponential backoff with "full jitter" (delay drawn uniformly between half and all of min*2^(n-1), capped at max):
/// many devices that lost the same broker do not all come back in the same second.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Min => min;

    public TimeSpan Max => max;

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, after <paramref name="failures"/> failed attempts (1 or more).</summary>
    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = ceiling * (0.5 + (0.5 * _random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Max(min.TotalMilliseconds * 0.5, jittered));
    }
}
