using EdgeStream.Core.Events;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Decisions;

/// <summary>
/// Action events for one stream: softmax over the logits, the <see cref="ActionStateMachine"/> hysteresis,
/// and start / update / end events with top-k scores, attention and key frame.
/// Times: <c>StartedAt</c> is the decision time of the first window of the run that started the label,
/// <c>EndedAt</c> the decision time of the last window in which it was at or above the threshold.
/// Scores: start and update carry the label's probability in the current window, end carries the
/// highest probability it reached during the event.
/// Update rule: while a label is active, a window that neither starts nor ends it and in which the label is
/// still at or above the threshold sends an update when
/// the label's probability moved by at least <see cref="ActionDecisionOptions.UpdateScoreDelta"/> since
/// the last event of it, or when <see cref="ActionDecisionOptions.UpdateInterval"/> of stream time passed.
/// </summary>
public sealed class ActionDecider : IWindowDecider
{
    private readonly EventContext _context;
    private readonly IReadOnlyList<string> _labels;
    private readonly ActionDecisionOptions _options;
    private readonly ActionStateMachine _machine;
    private readonly float[] _probabilities;
    private readonly int[] _top;
    private readonly DateTimeOffset[] _runStarts;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastSupported;
    private DateTimeOffset _lastEventAt;
    private double _lastEventScore;
    private double _peak;
    private WindowMeta _lastWindow;
    private int _lastTop = -1;
    private float _lastTopScore;
    private DateTimeOffset _lastDecision;

    public ActionDecider(EventContext context, IReadOnlyList<string> labels, ActionDecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _labels = labels;
        _options = options;
        var ignored = options.IgnoredLabels;
        _machine = new ActionStateMachine(labels.Count, options, i => ignored.Contains(labels[i]));
        _probabilities = new float[labels.Count];
        _top = new int[Math.Min(options.TopK, labels.Count)];
        _runStarts = new DateTimeOffset[options.EnterWindows];
    }

    /// <summary>The active label, or null.</summary>
    public string? ActiveLabel => _machine.Active >= 0 ? _labels[_machine.Active] : null;

    public void Decide(in DecisionInput input, ICollection<DetectionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var probabilities = _probabilities.AsSpan();
        Softmax.Apply(input.Output[.._labels.Count], probabilities);
        var now = input.DecisionTime;
        var previous = _machine.Active;
        var transition = _machine.Observe(probabilities);

        // Remember when each window of the current candidate run was judged, so a start can date itself to the run's first window.
        if (_machine.CandidateRun > 0)
        {
            _runStarts[(_machine.CandidateRun - 1) % _runStarts.Length] = now;
        }

        if (previous >= 0 && transition.Ended < 0 && probabilities[previous] >= _options.Threshold)
        {
            _lastSupported = now;
            _peak = Math.Max(_peak, probabilities[previous]);
        }

        if (transition.Ended >= 0)
        {
            events.Add(Build(input, EventPhase.End, transition.Ended, _peak, _lastSupported));
        }

        if (transition.Started >= 0)
        {
            _runStarts[(_options.EnterWindows - 1) % _runStarts.Length] = now;
            _startedAt = _options.EnterWindows == 1 ? now : _runStarts[0];
            _lastSupported = now;
            _peak = probabilities[transition.Started];
            events.Add(Build(input, EventPhase.Start, transition.Started, _peak, null));
        }
        else if (transition.Ended < 0 && previous >= 0 && probabilities[previous] >= _options.Threshold && IsUpdateDue(probabilities[previous], now))
        {
            events.Add(Build(input, EventPhase.Update, previous, probabilities[previous], null));
        }

        _lastTop = Softmax.ArgMax(probabilities);
        _lastTopScore = probabilities[_lastTop];
        _lastDecision = now;
        _lastWindow = input.Meta;
    }

    public void Finish(ICollection<DetectionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ended = _machine.Reset();
        if (ended < 0)
        {
            return;
        }

        var window = EventContext.WindowOf(_lastWindow);
        events.Add(new DetectionEvent
        {
            Id = _context.IdOf(EventType.Action, EventPhase.End, _labels[ended], _startedAt, window),
            Sequence = _context.NextSequence(),
            Type = EventType.Action,
            Phase = EventPhase.End,
            Device = _context.Device,
            Stream = _context.Stream,
            Label = _labels[ended],
            Score = _peak,
            Timestamp = _lastDecision,
            StartedAt = _startedAt,
            EndedAt = _lastSupported,
            Window = window,
            Model = _context.Model,
            Latency = new LatencyInfo(0, 0),
        });
    }

    public StreamState? CurrentState()
    {
        if (_lastTop < 0)
        {
            return null;
        }

        return new StreamState(_context.Device, _context.Stream, ActiveLabel, _labels[_lastTop], _lastTopScore, _lastDecision);
    }

    private bool IsUpdateDue(float score, DateTimeOffset now) =>
        Math.Abs(score - _lastEventScore) >= _options.UpdateScoreDelta || now - _lastEventAt >= _options.UpdateInterval;

    private DetectionEvent Build(in DecisionInput input, EventPhase phase, int label, double score, DateTimeOffset? endedAt)
    {
        var topK = new LabelScore[_top.Length];
        var count = Softmax.TopK(_probabilities, _top);
        for (var i = 0; i < count; i++)
        {
            topK[i] = new LabelScore(_labels[_top[i]], _probabilities[_top[i]]);
        }

        if (phase != EventPhase.End)
        {
            _lastEventAt = input.DecisionTime;
            _lastEventScore = score;
        }

        return _context.CreateEvent(input, EventType.Action, phase, _labels[label], score, _startedAt, endedAt, topK);
    }
}
