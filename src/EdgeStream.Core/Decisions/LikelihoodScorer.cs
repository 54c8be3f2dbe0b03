using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Decisions;

/// <summary>
/// The anomaly likelihood rule (kind <c>likelihood</c>), built on Numenta's anomaly likelihood and measured on NAB
/// (models/README.md). Per sample of a stream with C channels:
/// <list type="number">
/// <item>Signals, each at every short window: the forecast error's root (one-sided), and per channel the level and
/// the absolute step from the previous sample (two-sided). Each gives a tail probability q
/// (<see cref="LikelihoodChannel"/>); the sample's q is the smallest, times the number of signals (Bonferroni), at
/// most 1.</item>
/// <item>Numenta's red/yellow filter: the first q at or below red passes; later ones count as yellow until q has
/// risen above rearm, so one anomaly is reported once, not on every sample of it.</item>
/// <item>Score = Numenta's log-likelihood, ln(q + 1e-10) / ln(1e-10), in [0, 1]; 0.5 is q = 1e-5.</item>
/// <item>Spatial: a level more than spatialTolerance of the range seen so far beyond it scores 1.</item>
/// <item>A score at or over the threshold is a detection, unless one came less than refractorySamples ago, or it is
/// spatial and the stream has had fewer than quietSamples scored samples (then it is capped just under the
/// threshold).</item>
/// </list>
/// An event starts at a detection and ends once <c>ExitWindows</c> samples in a row had none. Levels are the
/// normalised values the model sees; every statistic here is unchanged by that affine map. One pass, no look-ahead.
/// </summary>
public sealed class LikelihoodScorer : IAnomalyScorer
{
    private const double JustUnder = 1e-7;
    private static readonly double LogFloor = Math.Log(1e-10);

    private readonly LikelihoodSpec _spec;
    private readonly double _threshold;
    private readonly EventHysteresis _events;
    private LikelihoodChannel[]? _errors;
    private LikelihoodChannel[]? _levels;
    private LikelihoodChannel[]? _steps;
    private float[] _previous = [];
    private double[] _min = [];
    private double[] _max = [];
    private bool _armed = true;
    private long _sample = -1;
    private long _scored;
    private long _refractoryUntil = -1;

    public LikelihoodScorer(LikelihoodSpec spec, double threshold, int exitWindows)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        _spec = spec;
        _threshold = threshold;
        _events = new EventHysteresis(1, exitWindows);
    }

    public bool IsAnomalous => _events.IsAnomalous;

    public double PeakZ => _events.PeakScore;

    /// <summary>A warm-up sample widens the range and fills the signals' histories; it can detect nothing.</summary>
    public void Calibrate(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual) => Judge(forecast, actual);

    public AnomalyStep Update(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual)
    {
        _scored++;
        var (error, bonferroni, spatial) = Judge(forecast, actual);
        var q = Filter(bonferroni);
        var score = spatial ? 1 : Math.Log(q + 1e-10) / LogFloor;
        var detected = score >= _threshold;
        if (detected && spatial && _scored <= _spec.QuietSamples)
        {
            // The first scored samples of a stream judge against a range of a few hundred samples; a new extreme there
            // is usually just the range widening (NAB's probationary period hides such alarms). The likelihood
            // signals have their own learning period; holding them back too cost 0.8 NAB points more.
            score = _threshold - JustUnder;
            detected = false;
        }
        else if (detected && _sample <= _refractoryUntil)
        {
            score = _threshold - JustUnder;
            detected = false;
        }
        else if (detected)
        {
            _refractoryUntil = _sample + _spec.RefractorySamples;
        }

        return new AnomalyStep(error, q, score, _events.Step(detected, score, out var transition), transition);
    }

    /// <summary>Steps every signal and the range with the sample: its error, the smallest tail probability over the signals (Bonferroni), and whether it is spatial.</summary>
    private (double Error, double Q, bool Spatial) Judge(ReadOnlySpan<float> forecast, ReadOnlySpan<float> actual)
    {
        var error = AnomalyScorer.ForecastError(forecast, actual);
        _sample++;
        if (_errors is null)
        {
            Create(actual.Length);
        }

        var spatial = Spatial(actual);
        var q = 1.0;
        foreach (var channel in _errors!)
        {
            q = Math.Min(q, channel.Step(Math.Sqrt(error)));
        }

        for (var c = 0; c < actual.Length; c++)
        {
            var step = _sample == 0 ? 0 : Math.Abs(actual[c] - _previous[c]);
            for (var s = 0; s < _spec.ShortWindows.Count; s++)
            {
                q = Math.Min(q, _levels![(c * _spec.ShortWindows.Count) + s].Step(actual[c]));
                q = Math.Min(q, _steps![(c * _spec.ShortWindows.Count) + s].Step(step));
            }

            _previous[c] = actual[c];
        }

        var signals = _errors.Length + _levels!.Length + _steps!.Length;
        return (error, Math.Min(1, signals * q), spatial);
    }

    private void Create(int channels)
    {
        var windows = _spec.ShortWindows;
        _errors = [.. windows.Select(w => new LikelihoodChannel(w, _spec.HistorySamples, _spec.LearningSamples, twoSided: false))];
        _levels = [.. Enumerable.Range(0, channels * windows.Count).Select(i => new LikelihoodChannel(windows[i % windows.Count], _spec.HistorySamples, _spec.LearningSamples, twoSided: true))];
        _steps = [.. Enumerable.Range(0, channels * windows.Count).Select(i => new LikelihoodChannel(windows[i % windows.Count], _spec.HistorySamples, _spec.LearningSamples, twoSided: true))];
        _previous = new float[channels];
        _min = [.. Enumerable.Repeat(double.PositiveInfinity, channels)];
        _max = [.. Enumerable.Repeat(double.NegativeInfinity, channels)];
    }

    /// <summary>A level beyond the range seen so far by more than the tolerance (Numenta's spatial anomaly).</summary>
    private bool Spatial(ReadOnlySpan<float> actual)
    {
        var spatial = false;
        for (var c = 0; c < actual.Length; c++)
        {
            double v = actual[c];
            if (_max[c] > _min[c])
            {
                var tolerance = (_max[c] - _min[c]) * _spec.SpatialTolerance;
                spatial |= v > _max[c] + tolerance || v < _min[c] - tolerance;
            }

            _min[c] = Math.Min(_min[c], v);
            _max[c] = Math.Max(_max[c], v);
        }

        return spatial;
    }

    /// <summary>Numenta's red/yellow filter with a re-arm level.</summary>
    private double Filter(double q)
    {
        if (q <= _spec.Red)
        {
            if (_armed)
            {
                _armed = false;
                return q;
            }

            return _spec.Yellow;
        }

        if (!_armed && q > _spec.Rearm)
        {
            _armed = true;
        }

        return q;
    }

}
