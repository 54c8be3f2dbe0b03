namespace EdgeStream.Sensors.Csv;

/// <summary>The time one replay pass covers: first and last valid timestamp, and the interval used to join passes.</summary>
internal readonly record struct PassSpan(DateTimeOffset First, DateTimeOffset Last, TimeSpan Interval)
{
    // A file with a single valid sample has no interval of its own.
    private static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(1);

    internal sealed class Builder
    {
        private DateTimeOffset _first;
        private DateTimeOffset _last;
        private TimeSpan? _interval;
        private bool _any;

        public void Add(DateTimeOffset timestamp)
        {
            if (!_any)
            {
                _any = true;
                _first = timestamp;
            }
            else
            {
                _interval ??= timestamp - _last;
            }

            _last = timestamp;
        }

        public PassSpan? Build() => _any ? new PassSpan(_first, _last, _interval ?? FallbackInterval) : null;
    }
}
