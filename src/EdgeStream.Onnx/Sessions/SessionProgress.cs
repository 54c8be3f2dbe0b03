using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// Logs a line every few seconds while a GPU session is being created: TensorRT builds its engine then (minutes on a
/// Jetson, silently), and users took the silence for a hang. Nothing is logged when creation is quick.
/// </summary>
internal sealed class SessionProgress : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;
    private readonly string _provider;
    private readonly string _file;
    private readonly string _note;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly ITimer _timer;

    private SessionProgress(ILogger logger, string provider, string file, string note, TimeProvider time)
    {
        _logger = logger;
        _provider = provider;
        _file = file;
        _note = note;
        _time = time;
        _start = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Tick(), null, Interval, Interval);
    }

    public static SessionProgress Start(ILogger logger, string provider, string file, string note, TimeProvider? time = null) =>
        new(logger, provider, file, note, time ?? TimeProvider.System);

    private void Tick()
    {
        var seconds = (int)Math.Round(_time.GetElapsedTime(_start).TotalSeconds);
        SessionLog.StillCreating(_logger, _provider, _file, seconds, _note);
    }

    public void Dispose() => _timer.Dispose();
}
