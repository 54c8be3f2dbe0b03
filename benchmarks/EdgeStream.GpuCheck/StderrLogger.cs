using Microsoft.Extensions.Logging;

namespace EdgeStream.GpuCheck;

/// <summary>The engine's log lines (provider fallback, graph capture, TensorRT progress) on stderr, with a clock.</summary>
internal sealed class StderrLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} [{eventId.Id}] {formatter(state, exception)}");
}
