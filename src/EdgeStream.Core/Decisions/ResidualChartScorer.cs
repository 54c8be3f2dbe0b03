using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Decisions;

/// <summary>
/// A mean-shift control chart on the forecast residual (kind <c>chart</c>), measured on SKAB (models/README.md):
/// <list type="number">
/// <item>Residual e = actual - forecast per channel; m = the mean of the last <c>window</c> residuals.</item>
/// <item>Calibration, on the warm-up windows (the samples the normaliser learned from, never scored): the mean and
/// standard deviation of m per channel, and the chart's limit, the <c>quantile</c> of
/// s = sum over channels of ((m - mean) / sd)^2 over the warm-up.</item>
/// <item>Each scored sample: score = s / limit; an alarm while the score is over the threshold (a factor on the
/// warm-up's quantile, 2.5 by default).</item>
/// </list>
/// The limit is the stream's own: a process that runs louder or quieter than the training data is judged against
/// itself. An event starts after <c>EnterWindows</c> alarms in a row and ends after <c>ExitWindows</c> quiet samples.
/// With fewer than <see cref="MinimumCalibration"/> warm-up values (a warm-up cut by gaps) it cannot judge: every
/// score is NaN and it never alarms, rather than alarm against a limit made of nothing.
/// </summary>
public sealed class ResidualChartScorer : IAnomalyScorer
{
    /// <summary>Warm-up values of m needed for a limit: fewer make a 99% quantile of noise.</summary>
    public const int MinimumCalibration = 50;

    private readonly ChartSpec _spec;
    private readonly double _threshold;
    private readonly EventHysteresis _events;
    private readonly List<double[]> _calibration = [];
    private double[][] _ring = [];
    private double[] _m = [];
    private double[] _mean = [];
    private double[] _sd = [];
    private int _next;
    private int _count;
    private double _limit = double.NaN;
    private bool _calibrated;

    public ResidualChartScorer(ChartSpec spec, double threshold, int enterWindows, int exitWindows)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        _spec = spec;
        _threshold = threshold;
        _events = new EventHysteresis(enterWindows, exitWindows);
    }

    public bool IsAnomalous => _events.IsAnomalous;

    public double PeakZ => _events.PeakScore;

    /// <summary>Whether the warm-up gave a limit (false until the first scored sample, and after a warm-up too short).</summary>
    public bool IsCalibrated => _calibrated && double.IsFinite(_limit) && _limit > 0;

    public void Calibrate(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual)
    {
        if (Push(forecast, actual))
        {
            _calibration.Add([.. _m]);
        }
    }

    public AnomalyStep Update(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual)
    {
        if (!_calibrated)
        {
            FinishCalibration();
        }

        var error = AnomalyScorer.ForecastError(forecast, actual);
        var score = Push(forecast, actual) && IsCalibrated ? Statistic(_m) / _limit : double.NaN;
        return new AnomalyStep(error, score, score, _events.Step(score > _threshold, score, out var transition), transition);
    }

    /// <summary>
    /// Adds the residual to the ring; true when it holds <c>window</c> residuals, with their mean in <c>_m</c>
    /// (summed from the ring each time: exact, no drift, and a window is small).
    /// </summary>
    private bool Push(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual)
    {
        if (_ring.Length == 0)
        {
            var channels = actual.Length;
            _ring = [.. Enumerable.Range(0, _spec.Window).Select(_ => new double[channels])];
            _m = new double[channels];
        }

        var slot = _ring[_next];
        for (var c = 0; c < actual.Length; c++)
        {
            slot[c] = (double)actual[c] - forecast[c];
        }

        _next = (_next + 1) % _spec.Window;
        _count = Math.Min(_count + 1, _spec.Window);
        if (_count < _spec.Window)
        {
            return false;
        }

        Array.Clear(_m);
        foreach (var residual in _ring)
        {
            for (var c = 0; c < _m.Length; c++)
            {
                _m[c] += residual[c] / _spec.Window;
            }
        }

        return true;
    }

    private double Statistic(double[] m)
    {
        double s = 0;
        for (var c = 0; c < m.Length; c++)
        {
            var d = (m[c] - _mean[c]) / _sd[c];
            s += d * d;
        }

        return s;
    }

    private void FinishCalibration()
    {
        _calibrated = true;
        if (_calibration.Count < MinimumCalibration)
        {
            return;
        }

        var channels = _calibration[0].Length;
        _mean = [.. Enumerable.Range(0, channels).Select(c => _calibration.Average(m => m[c]))];
        _sd = [.. Enumerable.Range(0, channels).Select(c => Math.Sqrt(_calibration.Average(m => (m[c] - _mean[c]) * (m[c] - _mean[c]))) + 1e-9)];
        var statistics = _calibration.Select(Statistic).Order().ToArray();
        _limit = Quantile(statistics, _spec.Quantile);
        _calibration.Clear();
    }

    /// <summary>The quantile of sorted values with linear interpolation (numpy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

}
