namespace EdgeStream.Core.Decisions;

/// <summary>
/// Turns a per-sample alarm into events, for the likelihood and chart rules: an event starts after
/// <c>enter</c> alarms in a row and ends after <c>exit</c> samples in a row without one; it keeps its peak score.
/// (The zscore rule keeps its own, a line-for-line port of the Python reference.)
/// </summary>
internal sealed class EventHysteresis
{
    private readonly int _enter;
    private readonly int _exit;
    private int _run;
    private int _quiet;

    public EventHysteresis(int enter, int exit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(enter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(exit, 1);
        _enter = enter;
        _exit = exit;
    }

    public bool IsAnomalous { get; private set; }

    /// <summary>Highest score of the open (or last) event.</summary>
    public double PeakScore { get; private set; }

    /// <summary>The next sample: whether it alarms, and its score. Returns whether an event is open after it.</summary>
    public bool Step(bool alarm, double score, out AnomalyTransition transition)
    {
        transition = AnomalyTransition.None;
        if (!IsAnomalous)
        {
            _run = alarm ? _run + 1 : 0;
            if (_run < _enter)
            {
                return false;
            }

            PeakScore = score;
            _quiet = 0;
            transition = AnomalyTransition.Started;
            return IsAnomalous = true;
        }

        PeakScore = Math.Max(PeakScore, score);
        _quiet = alarm ? 0 : _quiet + 1;
        if (_quiet < _exit)
        {
            return true;
        }

        _run = 0;
        transition = AnomalyTransition.Ended;
        return IsAnomalous = false;
    }
}
