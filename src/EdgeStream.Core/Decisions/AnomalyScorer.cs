namespace EdgeStream.Core.Decisions;

/// <summary>
/// The online anomaly scorer of one stream: a line-for-line port of <c>StreamScorer</c> in
/// models/training/edgestream_train/sensor_scoring.py (rules 3-7), so C# and Python agree sample for sample.
/// Feed it the forecast error of every scored sample in order.
/// </summary>
public sealed class AnomalyScorer : IAnomalyScorer
{
    private readonly AnomalyScoreParams _p;
    private double _s;
    private bool _hasS;
    private long _n;
    private double _mean;
    private double _m2;
    private long _seen;
    private int _run;
    private int _below;

    public AnomalyScorer(AnomalyScoreParams parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
    }

    public bool IsAnomalous { get; private set; }

    /// <summary>Highest z of the open event (the reference's <c>peak_z</c>).</summary>
    public double PeakZ { get; private set; }

    /// <summary>Rule 3: mean over channels of the squared error, in float64.</summary>
    public static double ForecastError(ReadOnlySpan<float> forecast, ReadOnlySpan<float> target)
    {
        if (forecast.Length != target.Length || target.IsEmpty)
        {
            throw new ArgumentException($"Forecast has {forecast.Length} values, target {target.Length}.", nameof(forecast));
        }

        double sum = 0;
        for (var c = 0; c < target.Length; c++)
        {
            var d = (double)forecast[c] - target[c];
            sum += d * d;
        }

        return sum / target.Length;
    }

    /// <summary>The z-score rule learns its baseline from scored samples only (the reference's rule); it gets no warm-up windows.</summary>
    public void Calibrate(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual) =>
        throw new InvalidOperationException("The z-score rule is not sent warm-up windows (AnomalyScoreParams.CalibratesOnWarmup).");

    /// <summary>Rules 3-6 for the next scored sample.</summary>
    public AnomalyStep Update(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual) => Update(ForecastError(forecast, actual));

    /// <summary>Rules 4-6 for the next scored sample.</summary>
    public AnomalyStep Update(double error)
    {
        var p = _p;
        if (!_hasS)
        {
            _s = error;
            _hasS = true;
        }
        else
        {
            _s = (p.ErrorEwmaAlpha * error) + ((1.0 - p.ErrorEwmaAlpha) * _s);
        }

        var s = _s;
        _seen++;
        if (_seen <= p.BaselineSamples)
        {
            Add(s);
            return new AnomalyStep(error, s, double.NaN, false, AnomalyTransition.None);
        }

        var sigma = _n > 0 ? Math.Sqrt(_m2 / _n) : 0.0;
        var z = (s - _mean) / Math.Max(sigma, p.MinStd);
        var above = z > p.Threshold;
        var transition = AnomalyTransition.None;
        if (!IsAnomalous)
        {
            _run = above ? _run + 1 : 0;
            if (_run == p.EnterWindows)
            {
                IsAnomalous = true;
                _below = 0;
                PeakZ = z;
                transition = AnomalyTransition.Started;
            }
        }
        else
        {
            if (z > PeakZ)
            {
                PeakZ = z;
            }

            _below = above ? 0 : _below + 1;
            if (_below == p.ExitWindows)
            {
                IsAnomalous = false;
                _run = 0;
                transition = AnomalyTransition.Ended;
            }
        }

        if (!IsAnomalous && !above)
        {
            Add(s);
        }

        return new AnomalyStep(error, s, z, IsAnomalous, transition);
    }

    private void Add(double v)
    {
        _n++;
        var d = v - _mean;
        _mean += d / _n;
        _m2 += d * (v - _mean);
    }
}

/// <summary>One scored sample: error, smoothed error, z (NaN in the baseline phase), state after it, and what changed.</summary>
public readonly record struct AnomalyStep(double Error, double Smoothed, double Z, bool Anomalous, AnomalyTransition Transition);

public enum AnomalyTransition
{
    None,

    /// <summary>An event starts: its first sample was <c>EnterWindows - 1</c> samples ago.</summary>
    Started,

    /// <summary>The event ends: its last sample above the threshold was <c>ExitWindows</c> samples ago.</summary>
    Ended,
}
