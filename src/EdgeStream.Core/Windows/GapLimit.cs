using System.Globalization;

namespace EdgeStream.Core.Windows;

/// <summary>
/// How long a pause between consecutive steps may be before a stream's window starts over. Either a fixed limit
/// (<c>MaxGapSeconds</c> set) or one learned from the stream itself: the median of its first
/// <see cref="LearningIntervals"/> intervals times <see cref="PeriodFactor"/>, never below <see cref="Floor"/>.
/// A fixed 2 s used to reset every NAB series (5-minute steps) at every step, so nothing was ever judged; a
/// learned limit follows a 30 fps camera, a 1 Hz pump sensor and a 5-minute metric alike. Until it has learned,
/// no interval counts as a gap (the first intervals are what it learns from). Owned by one ring (not thread-safe).
/// </summary>
public sealed class GapLimit
{
    /// <summary>Intervals a learned limit looks at: enough for a median that ignores a hiccup or two.</summary>
    public const int LearningIntervals = 8;

    /// <summary>A gap is more than this many sampling periods: missing a few samples is not a break in the signal.</summary>
    public const double PeriodFactor = 5;

    /// <summary>The smallest learned limit: the fixed default before limits were learned, so video keeps its 2 s.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(2);

    private readonly long[] _learned;
    private int _seen;

    private GapLimit(TimeSpan? fixedLimit)
    {
        Limit = fixedLimit;
        IsFixed = fixedLimit is not null;
        _learned = IsFixed ? [] : new long[LearningIntervals];
    }

    /// <summary>A limit set by the user.</summary>
    public static GapLimit Fixed(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        return new GapLimit(limit);
    }

    /// <summary>A limit learned from the stream's first intervals.</summary>
    public static GapLimit Learned() => new(null);

    public bool IsFixed { get; }

    /// <summary>The limit in force; null while a learned limit is still learning.</summary>
    public TimeSpan? Limit { get; private set; }

    /// <summary>The sampling period a learned limit found (the median interval); null for a fixed or unlearned one.</summary>
    public TimeSpan? Period { get; private set; }

    /// <summary>Judges the interval since the previous step (and learns from it while learning).</summary>
    public bool IsGap(TimeSpan interval)
    {
        if (Limit is { } limit)
        {
            return interval > limit;
        }

        if (interval > TimeSpan.Zero)
        {
            _learned[_seen++] = interval.Ticks;
            if (_seen == _learned.Length)
            {
                Array.Sort(_learned);
                Period = TimeSpan.FromTicks(_learned[_learned.Length / 2]);
                var scaled = TimeSpan.FromTicks((long)Math.Min(Period.Value.Ticks * PeriodFactor, TimeSpan.MaxValue.Ticks / 2.0));
                Limit = scaled > Floor ? scaled : Floor;
            }
        }

        return false;
    }

    /// <summary>How the limit is described in a log line or status.</summary>
    public string Describe() => (IsFixed, Limit, Period) switch
    {
        (true, { } limit, _) => string.Create(CultureInfo.InvariantCulture, $"MaxGapSeconds={limit.TotalSeconds:0.###}"),
        (false, { } limit, { } period) => string.Create(CultureInfo.InvariantCulture, $"a learned limit of {limit.TotalSeconds:0.###} s ({PeriodFactor}x the median step of {period.TotalSeconds:0.###} s)"),
        _ => $"a limit still being learned (from the first {LearningIntervals} steps)",
    };
}
