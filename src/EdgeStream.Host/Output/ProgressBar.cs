using System.Globalization;

namespace EdgeStream.Host.Output;

/// <summary>A one-line progress bar on stderr, redrawn in place; only when stderr is a terminal (never in logs or CI).</summary>
internal sealed class ProgressBar(TextWriter writer, string label) : IProgress<Replay.ReplayProgress>, IDisposable
{
    private const int Width = 30;
    private int _lastLength;

    public static ProgressBar? ForTerminal(TextWriter error, string label) =>
        Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error) ? null : new ProgressBar(error, label);

    public void Report(Replay.ReplayProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fps = value.Steps / Math.Max(value.Elapsed.TotalSeconds, 1e-3);
        var bar = value.TotalSteps is > 0 and var total
            ? Bar(Math.Min(1.0, (double)value.Steps / total)) + string.Create(CultureInfo.InvariantCulture, $" {value.Steps}/{total} steps")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Steps} steps");
        var line = string.Create(CultureInfo.InvariantCulture, $"{label} {bar}  {value.Windows} windows  {value.Events} events  {fps:F0} steps/s");
        writer.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
    }

    public void Dispose()
    {
        if (_lastLength > 0)
        {
            writer.Write("\r" + new string(' ', _lastLength) + "\r");
        }
    }

    private static string Bar(double fraction)
    {
        var filled = (int)Math.Round(fraction * Width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:F0}%");
    }
}
