namespace EdgeStream.Core.Decisions;

/// <summary>
/// Mean and population standard deviation of the last <c>capacity</c> values pushed, updated in O(1) with Welford's
/// add and remove steps: the naive sum-of-squares form loses every digit on NAB's series near 1e7.
/// </summary>
public sealed class SlidingMoments
{
    private readonly double[] _values;
    private int _next;
    private double _m2;

    public SlidingMoments(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _values = new double[capacity];
    }

    public int Count { get; private set; }

    public double Mean { get; private set; }

    public double StandardDeviation => Count == 0 ? 0 : Math.Sqrt(Math.Max(_m2, 0) / Count);

    public void Push(double value)
    {
        if (Count == _values.Length)
        {
            var oldest = _values[_next];
            var n = Count - 1;
            if (n == 0)
            {
                Mean = 0;
                _m2 = 0;
            }
            else
            {
                var d = oldest - Mean;
                Mean -= d / n;
                _m2 -= d * (oldest - Mean);
            }

            Count = n;
        }

        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }
}
