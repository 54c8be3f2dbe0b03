namespace EdgeStream.Core.Decisions;

/// <summary>
/// One signal at one time scale: the tail probability of the signal's short moving average under a normal fitted to
/// the previous short averages (at most the history length), Numenta's anomaly likelihood. One-sided for an error
/// (only large is unusual), two-sided for a level. The current average joins the history only after it was judged.
/// </summary>
internal sealed class LikelihoodChannel
{
    private readonly double[] _short;
    private readonly SlidingMoments _history;
    private readonly int _learning;
    private readonly bool _twoSided;
    private int _next;
    private int _count;
    private double _sum;
    private long _pushes;

    public LikelihoodChannel(int shortWindow, int history, int learning, bool twoSided)
    {
        _short = new double[shortWindow];
        _history = new SlidingMoments(history);
        _learning = learning;
        _twoSided = twoSided;
    }

    /// <summary>The tail probability of the signal's latest value (1 while the history is still learning).</summary>
    public double Step(double value)
    {
        if (_count == _short.Length)
        {
            _sum -= _short[_next];
        }
        else
        {
            _count++;
        }

        _short[_next] = value;
        _sum += value;
        _next = (_next + 1) % _short.Length;
        if (++_pushes % (_short.Length * 64L) == 0)
        {
            // A running sum drifts by rounding over millions of samples; re-add the window now and then.
            _sum = 0;
            for (var i = 0; i < _count; i++)
            {
                _sum += _short[i];
            }
        }

        var average = _sum / _count;
        var q = 1.0;
        if (_history.Count >= _learning)
        {
            var mean = _history.Mean;
            var sd = Math.Max(_history.StandardDeviation, 1e-9 + (1e-6 * Math.Abs(mean)));
            var z = (average - mean) / sd;
            q = NormalTail.Q(_twoSided ? Math.Abs(z) : z);
        }

        _history.Push(average);
        return q;
    }
}
