using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>Log lines go to the test's output, so a failing test shows what the connection loop did.</summary>
internal sealed class TestLog(ITestOutputHelper output) : ILoggerFactory, ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} [{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " | " + exception.Message)}";
        lock (_lines)
        {
            _lines.Add(line);
        }

        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a background reconnect logged after it); the line stays in Lines.
        }
    }

    public void Dispose()
    {
    }
}
