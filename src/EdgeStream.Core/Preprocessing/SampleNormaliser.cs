using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Preprocessing;

/// <summary>
/// Normalises one sensor stream's raw samples per the manifest (<c>input.normalisation</c>), exactly as
/// the Python reference (models/training/edgestream_train/sensor_scoring.py, rule 1):
/// <c>fixed</c> z-scores with the manifest's mean/std; <c>warmup</c> holds back the first N samples,
/// takes their per-channel mean and population std in float64 (std floored at <c>minStd</c>, default 1e-6), freezes them,
/// and then hands the held samples, normalised, to the window ring (<see cref="HeldCount"/>, <see cref="NormaliseHeld"/>)
/// so the first window is scored at t = max(N, W).
/// z = float32((x - mean) / std), computed in float64.
/// </summary>
public sealed class SampleNormaliser
{
    /// <summary>Default floor on a channel's std (the reference's <c>warmup_stats</c> min_std); the manifest's <c>minStd</c> overrides it.</summary>
    public const double DefaultMinStd = 1e-6;

    private readonly int _channels;
    private readonly double _minStd;
    private readonly double[] _mean;
    private readonly double[] _std;
    private readonly float[]? _warmup;
    private readonly long[]? _warmupSequences;
    private readonly DateTimeOffset[]? _warmupTimes;
    private readonly DateTimeOffset[]? _warmupCaptured;
    private int _warmupCount;

    public SampleNormaliser(NormalisationSpec? spec, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        _channels = channels;
        _mean = new double[channels];
        _std = new double[channels];
        _std.AsSpan().Fill(1);
        _minStd = spec?.MinStd is > 0 and var floor ? floor : DefaultMinStd;
        switch (spec?.Kind)
        {
            case null or "" or "none":
                IsReady = true;
                break;
            case "fixed":
                Fill(spec.Mean, _mean, "mean");
                Fill(spec.Std, _std, "std");
                for (var c = 0; c < channels; c++)
                {
                    _std[c] = Math.Max(_std[c], _minStd);
                }

                IsReady = true;
                break;
            case "warmup":
                WarmupSamples = spec.WarmupSamples is > 0 and var n
                    ? n
                    : throw new ArgumentException("input.normalisation.warmupSamples must be positive for kind 'warmup'.", nameof(spec));
                _warmup = new float[WarmupSamples * channels];
                _warmupSequences = new long[WarmupSamples];
                _warmupTimes = new DateTimeOffset[WarmupSamples];
                _warmupCaptured = new DateTimeOffset[WarmupSamples];
                break;
            default:
                throw new ArgumentException($"input.normalisation.kind '{spec.Kind}' is not 'fixed' or 'warmup'.", nameof(spec));
        }
    }

    /// <summary>Samples held back before scoring starts (0 unless kind is <c>warmup</c>).</summary>
    public int WarmupSamples { get; }

    /// <summary>True once mean/std are known and samples are normalised as they come.</summary>
    public bool IsReady { get; private set; }

    public ReadOnlySpan<double> Mean => _mean;

    public ReadOnlySpan<double> Std => _std;

    /// <summary>z-scores <paramref name="raw"/> into <paramref name="normalised"/>. Only when <see cref="IsReady"/>.</summary>
    public void Normalise(ReadOnlySpan<float> raw, Span<float> normalised)
    {
        for (var c = 0; c < _channels; c++)
        {
            normalised[c] = (float)((raw[c] - _mean[c]) / _std[c]);
        }
    }

    /// <summary>Warm-up samples held (all of them once <see cref="IsReady"/>; they make no window of their own).</summary>
    public int HeldCount => _warmupCount;

    /// <summary>Holds a warm-up sample. When it is the last one, freezes the statistics and returns true.</summary>
    public bool AddWarmup(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> raw)
    {
        if (IsReady || _warmup is null || _warmupSequences is null || _warmupTimes is null || _warmupCaptured is null)
        {
            throw new InvalidOperationException("The normaliser is not warming up.");
        }

        raw[.._channels].CopyTo(_warmup.AsSpan(_warmupCount * _channels, _channels));
        _warmupSequences[_warmupCount] = sequence;
        _warmupTimes[_warmupCount] = timestamp;
        _warmupCaptured[_warmupCount] = capturedAt;
        _warmupCount++;
        if (_warmupCount < WarmupSamples)
        {
            return false;
        }

        ComputeStatistics();
        IsReady = true;
        return true;
    }

    /// <summary>Held warm-up sample <paramref name="index"/>, normalised into <paramref name="normalised"/>; with its sequence and times.</summary>
    public (long Sequence, DateTimeOffset Timestamp, DateTimeOffset CapturedAt) NormaliseHeld(int index, Span<float> normalised)
    {
        if (!IsReady || _warmup is null || _warmupSequences is null || _warmupTimes is null || _warmupCaptured is null)
        {
            throw new InvalidOperationException("The warm-up is not done.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_warmupCount, nameof(index));
        Normalise(_warmup.AsSpan(index * _channels, _channels), normalised);
        return (_warmupSequences[index], _warmupTimes[index], _warmupCaptured[index]);
    }

    private void ComputeStatistics()
    {
        var n = WarmupSamples;
        var data = _warmup!;
        for (var c = 0; c < _channels; c++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += data[(i * _channels) + c];
            }

            var mean = sum / n;
            double squares = 0;
            for (var i = 0; i < n; i++)
            {
                var d = data[(i * _channels) + c] - mean;
                squares += d * d;
            }

            _mean[c] = mean;
            _std[c] = Math.Max(Math.Sqrt(squares / n), _minStd);
        }
    }

    private void Fill(IReadOnlyList<float>? values, double[] target, string name)
    {
        if (values is null || values.Count != _channels)
        {
            throw new ArgumentException($"input.normalisation.{name} must have {_channels} values for kind 'fixed'.", nameof(values));
        }

        for (var c = 0; c < _channels; c++)
        {
            target[c] = values[c];
        }
    }
}
