using EdgeStream.Core.Events;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Decisions;

/// <summary>
/// Anomaly events for one sensor stream: forecast and target sample -> the model's <see cref="IAnomalyScorer"/>
/// -> start and end events with score = z. Start: <c>StartedAt</c> is the time of the event's first sample
/// (the reference's <c>startIndex</c>), score the z that confirmed it. End: <c>EndedAt</c> is the time of
/// the last sample above the threshold (<c>endIndex</c>), score the peak z of the event. Top-k lists the
/// channels with the largest squared forecast error of the deciding sample.
/// When the stream ends during an event, <see cref="Finish"/> sends its end (the reference leaves it open).
/// </summary>
public sealed class AnomalyDecider : IWindowDecider
{
    private readonly EventContext _context;
    private readonly string _label;
    private readonly IReadOnlyList<string> _channelNames;
    private readonly IAnomalyScorer _scorer;
    private readonly AnomalyScoreParams _params;
    private readonly StepStamp[] _recent;
    private readonly float[] _channelErrors;
    private readonly int[] _top;
    private long _scored;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastAbove;
    private WindowMeta _lastWindow;
    private DateTimeOffset _lastDecision;
    private double _lastZ = double.NaN;
    private bool _finished;
    private readonly IAnomalyScoreRecorder? _recorder;

    public AnomalyDecider(EventContext context, string label, IReadOnlyList<string> channelNames, AnomalyScoreParams parameters, int topK = 3, IAnomalyScoreRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(channelNames);
        ArgumentNullException.ThrowIfNull(parameters);
        _context = context;
        _label = label;
        _channelNames = channelNames;
        _params = parameters;
        _scorer = parameters.CreateScorer();
        _recent = new StepStamp[Math.Max(parameters.EnterWindows, parameters.ExitWindows) + 1];
        _channelErrors = new float[channelNames.Count];
        _top = new int[Math.Min(topK, channelNames.Count)];
        _recorder = recorder;
    }

    /// <summary>The last scored sample's result (for tests and diagnostics).</summary>
    public AnomalyStep LastStep { get; private set; }

    public void Decide(in DecisionInput input, ICollection<DetectionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var forecast = input.Output[..input.Target.Length];
        if (input.Meta.Warmup)
        {
            _scorer.Calibrate(forecast, input.Target);
            return;
        }

        var step = _scorer.Update(forecast, input.Target);
        LastStep = step;
        var now = input.Stamps[^1];
        _recent[_scored % _recent.Length] = now;
        _scored++;
        _lastWindow = input.Meta;
        _lastDecision = now.Timestamp;
        _lastZ = step.Z;
        if (step.Z > _params.Threshold)
        {
            _lastAbove = now.Timestamp;
        }

        _recorder?.Record(now.Timestamp, step);

        switch (step.Transition)
        {
            case AnomalyTransition.Started:
                _startedAt = Back(_params.EnterWindows - 1).Timestamp;
                events.Add(Build(input, EventPhase.Start, step.Z, null));
                break;
            case AnomalyTransition.Ended:
                events.Add(Build(input, EventPhase.End, _scorer.PeakZ, Back(_params.ExitWindows).Timestamp));
                break;
            case AnomalyTransition.None:
            default:
                break;
        }
    }

    public void Finish(ICollection<DetectionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_scorer.IsAnomalous || _finished)
        {
            return;
        }

        _finished = true;
        var window = EventContext.WindowOf(_lastWindow);
        events.Add(new DetectionEvent
        {
            Id = _context.IdOf(EventType.Anomaly, EventPhase.End, _label, _startedAt, window),
            Sequence = _context.NextSequence(),
            Type = EventType.Anomaly,
            Phase = EventPhase.End,
            Device = _context.Device,
            Stream = _context.Stream,
            Label = _label,
            Score = _scorer.PeakZ,
            Timestamp = _lastDecision,
            StartedAt = _startedAt,
            EndedAt = _lastAbove,
            Window = window,
            Model = _context.Model,
            Latency = new LatencyInfo(0, 0),
        });
    }

    public StreamState? CurrentState() =>
        _scored == 0
            ? null
            : new StreamState(_context.Device, _context.Stream, _scorer.IsAnomalous && !_finished ? _label : null, _label, double.IsNaN(_lastZ) ? 0 : _lastZ, _lastDecision);

    private StepStamp Back(int samples) => _recent[(_scored - 1 - samples + (_recent.Length * 2)) % _recent.Length];

    private DetectionEvent Build(in DecisionInput input, EventPhase phase, double score, DateTimeOffset? endedAt)
    {
        for (var c = 0; c < _channelErrors.Length; c++)
        {
            var d = input.Output[c] - input.Target[c];
            _channelErrors[c] = d * d;
        }

        var count = Softmax.TopK(_channelErrors, _top);
        var topK = new LabelScore[count];
        for (var i = 0; i < count; i++)
        {
            topK[i] = new LabelScore(_channelNames[_top[i]], _channelErrors[_top[i]]);
        }

        return _context.CreateEvent(input, EventType.Anomaly, phase, _label, score, _startedAt, endedAt, topK);
    }
}
