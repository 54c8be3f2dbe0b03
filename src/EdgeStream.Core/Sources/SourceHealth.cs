namespace EdgeStream.Core.Sources;

/// <summary>
/// A stream's health as its source reported it. It starts offline ("starting"): a stream is online only once
/// its source says it opened its input, never because the pipeline started it.
/// </summary>
internal sealed class SourceHealth
{
    private readonly Lock _lock = new();
    private StreamHealth _health = StreamHealth.Offline;
    private string? _reason = "starting";
    private bool _reported;

    /// <summary>The source has reported a health at least once.</summary>
    public bool Reported
    {
        get
        {
            lock (_lock)
            {
                return _reported;
            }
        }
    }

    /// <summary>Sets the health; true when it changed (health or reason).</summary>
    public bool Set(StreamHealth health, string? reason)
    {
        lock (_lock)
        {
            _reported = true;
            if (_health == health && _reason == reason)
            {
                return false;
            }

            _health = health;
            _reason = reason;
            return true;
        }
    }

    public (StreamHealth Health, string? Reason) Read()
    {
        lock (_lock)
        {
            return (_health, _reason);
        }
    }
}
