using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmBot.Tests.Handoff;

/// <summary>
/// Keeps what an app logs at Error and above (or from <paramref name="minimum"/>), so a test that gets a 500 can say
/// why, or check that a warning was given. Thread-safe (a concurrent queue).
/// </summary>
public sealed class ErrorLog(LogLevel minimum = LogLevel.Error) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, _entries);

    public IReadOnlyList<string> Entries => [.. _entries];

    public override string ToString() => _entries.IsEmpty ? "(no errors logged)" : string.Join("\n", _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogLevel minimum, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
