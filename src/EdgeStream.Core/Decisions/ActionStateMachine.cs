namespace EdgeStream.Core.Decisions;

/// <summary>
/// The hysteresis of one action stream (docs/events.md, docs/pipeline.md), over class probabilities of consecutive windows:
/// a label starts after <c>EnterWindows</c> consecutive windows whose top label is that label with
/// probability &gt;= threshold; the active label ends after <c>ExitWindows</c> consecutive windows in
/// which its own probability is below the threshold. When another label qualifies while one is active,
/// the active one ends and the new one starts on the same window (a switch). Ignored labels never start.
/// </summary>
public sealed class ActionStateMachine
{
    private readonly bool[] _ignored;
    private readonly double _threshold;
    private readonly int _enter;
    private readonly int _exit;
    private int _candidate = -1;
    private int _run;
    private int _below;

    public ActionStateMachine(int labels, ActionDecisionOptions options, Func<int, bool>? isIgnored = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _threshold = options.Threshold;
        _enter = options.EnterWindows;
        _exit = options.ExitWindows;
        _ignored = new bool[labels];
        for (var i = 0; i < labels; i++)
        {
            _ignored[i] = isIgnored?.Invoke(i) ?? false;
        }
    }

    /// <summary>The active label's index, or -1.</summary>
    public int Active { get; private set; } = -1;

    /// <summary>Consecutive windows (including the current one) in which the current candidate qualified.</summary>
    public int CandidateRun => _run;

    /// <summary>Feeds one window's probabilities; says which label ended and which started on it (-1: none).</summary>
    public ActionTransition Observe(ReadOnlySpan<float> probabilities)
    {
        var top = Softmax.ArgMax(probabilities);
        var qualifies = top >= 0 && top != Active && !_ignored[top] && probabilities[top] >= _threshold;
        if (qualifies)
        {
            _run = top == _candidate ? _run + 1 : 1;
            _candidate = top;
        }
        else
        {
            _run = 0;
            _candidate = -1;
        }

        var ended = -1;
        if (Active >= 0)
        {
            _below = probabilities[Active] >= _threshold ? 0 : _below + 1;
            if (_run >= _enter || _below >= _exit)
            {
                ended = Active;
                Active = -1;
                _below = 0;
            }
        }

        var started = -1;
        if (_run >= _enter)
        {
            started = _candidate;
            Active = started;
            _run = 0;
            _candidate = -1;
            _below = 0;
        }

        return new ActionTransition(ended, started);
    }

    /// <summary>Ends the active label (the stream ended); returns its index or -1.</summary>
    public int Reset()
    {
        var ended = Active;
        Active = -1;
        _run = 0;
        _candidate = -1;
        _below = 0;
        return ended;
    }
}

/// <summary>Labels that ended and started on one window (-1: none).</summary>
public readonly record struct ActionTransition(int Ended, int Started);
