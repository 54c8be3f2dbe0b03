namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// SKAB's NAB variant, fed one file at a time (core/metrics.py of SKAB and TSAD: single_detecting_boundaries,
/// extract_cp_confusion_matrix, my_scale, single_evaluate_nab, single_average_delay). The arithmetic follows
/// that code step by step, in its order, so that the published two-decimal scores come out exactly.
/// </summary>
internal sealed class SkabNab
{
    // (A_tp, A_fp, A_fn) of the Standard, LowFP and LowFN profiles; A_tn is in SKAB's table but never used.
    private static readonly (double Tp, double Fp, double Fn)[] Profiles = [(1.0, -0.11, -1.0), (1.0, -0.22, -1.0), (1.0, -0.11, -2.0)];

    // my_scale samples its tanh ramp at this many points of the window (numpy linspace(-pi/2, pi/2, 1000)).
    private const int Detalization = 1000;

    private readonly TimeSpan _window;
    private readonly double[] _score = new double[3];
    private readonly double[] _null = new double[3];
    private readonly double[] _perfect = new double[3];
    private int _missed;
    private int _falsePositives;
    private int _windows;
    private int _detected;
    private long _delayTicks;

    public SkabNab(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _window = window;
    }

    /// <summary>Adds one file: its true and its predicted changepoints' times, each ascending.</summary>
    public void Add(IReadOnlyList<DateTime> trueChangepoints, IReadOnlyList<DateTime> predicted)
    {
        var windows = Windows(trueChangepoints, _window);
        var (detections, falsePositives) = Confusion(windows, predicted);
        var missed = detections.Count(d => d is null);
        for (var p = 0; p < Profiles.Length; p++)
        {
            var (tp, fp, fn) = Profiles[p];
            var score = 0.0;
            score += fp * falsePositives;
            score += fn * missed;
            for (var i = 0; i < windows.Count; i++)
            {
                if (detections[i] is { } detection)
                {
                    score += Ramp(windows[i], detection, tp, fp);
                }
            }

            _score[p] += score;
            _null[p] += windows.Count * fn;
            _perfect[p] += windows.Count * tp;
        }

        for (var i = 0; i < windows.Count; i++)
        {
            if (detections[i] is { } detection)
            {
                _detected++;
                _delayTicks += (detection - windows[i].Start).Ticks; // "righter": from the window's start
            }
        }

        _missed += missed;
        _falsePositives += falsePositives;
        _windows += windows.Count;
    }

    /// <summary>The scores so far: 100 * (S - S_null) / (S_perfect - S_null) per profile, unrounded.</summary>
    public SkabChangepointScore Result()
    {
        var normalised = new double[3];
        for (var p = 0; p < normalised.Length; p++)
        {
            normalised[p] = 100 * (_score[p] - _null[p]) / (_perfect[p] - _null[p]);
        }

        TimeSpan? delay = _detected == 0 ? null : TimeSpan.FromTicks(_delayTicks / _detected);
        return new SkabChangepointScore(normalised[0], normalised[1], normalised[2], _missed, _falsePositives, _windows, delay);
    }

    /// <summary>
    /// One window per true changepoint, [t, t + width], both ends included. Where a window reaches into the next
    /// (its end at or after the next one's start), the next one starts where this one ends ("cut right window",
    /// SKAB's default), so they share that one instant.
    /// </summary>
    internal static List<(DateTime Start, DateTime End)> Windows(IReadOnlyList<DateTime> trueChangepoints, TimeSpan width)
    {
        var windows = trueChangepoints.Select(t => (Start: t, End: t + width)).ToList();
        for (var i = 0; i + 1 < windows.Count; i++)
        {
            if (windows[i].End >= windows[i + 1].Start)
            {
                windows[i + 1] = (windows[i].End, windows[i + 1].End);
            }
        }

        return windows;
    }

    /// <summary>
    /// Per window its first prediction inside it (null: missed), and the predictions outside every window. The
    /// tests are SKAB's: before the first window strictly before its start, between windows strictly between,
    /// after the last strictly after its end; so a prediction on an instant two windows share is a detection
    /// in both and never a false positive.
    /// </summary>
    internal static (DateTime?[] Detections, int FalsePositives) Confusion(List<(DateTime Start, DateTime End)> windows, IReadOnlyList<DateTime> predicted)
    {
        for (var i = 1; i < predicted.Count; i++)
        {
            if (predicted[i] < predicted[i - 1])
            {
                throw new ArgumentException("predicted changepoints must be in time order", nameof(predicted));
            }
        }

        if (windows.Count == 0)
        {
            return ([], predicted.Count);
        }

        var detections = new DateTime?[windows.Count];
        var falsePositives = predicted.Count(t => t < windows[0].Start);
        for (var i = 0; i < windows.Count; i++)
        {
            var (start, end) = windows[i];
            var inside = predicted.Where(t => t >= start && t <= end).ToList();
            detections[i] = inside.Count == 0 ? null : inside[0];
            if (i + 1 < windows.Count)
            {
                var next = windows[i + 1].Start;
                falsePositives += predicted.Count(t => t > end && t < next);
            }
        }

        falsePositives += predicted.Count(t => t > windows[^1].End);
        return (detections, falsePositives);
    }

    /// <summary>
    /// my_scale: a detection's worth falls along a tanh ramp from A_tp at the window's start to A_fp at its end,
    /// sampled at <see cref="Detalization"/> points; the sample is the truncated fraction of the window elapsed.
    /// </summary>
    internal static double Ramp((DateTime Start, DateTime End) window, DateTime detection, double tp, double fp)
    {
        var sample = (int)((double)(detection - window.Start).Ticks / (window.End - window.Start).Ticks * Detalization);
        sample = Math.Min(sample, Detalization - 1);
        // numpy's linspace: start + i * step, the last point set to stop exactly.
        const double Start = -Math.PI / 2;
        const double Stop = Math.PI / 2;
        var step = (Stop - Start) / (Detalization - 1);
        var x = sample == Detalization - 1 ? Stop : (sample * step) + Start;
        return ((tp - fp) / 2 * -1 * Math.Tanh(x) / Math.Tanh(Math.PI / 2)) + ((tp - fp) / 2) + fp;
    }
}
