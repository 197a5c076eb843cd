using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kiosk.Testing;

/// <summary>
/// Every log entry the server writes, at every level (its own filter rule outranks the server's category
/// filters), kept for assertions: what an operator's log would show.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public void Clear() => _entries.Clear();

    /// <summary>Adds the capture to a host's logging, below every other filter.</summary>
    public void AddTo(ILoggingBuilder logging) => logging.AddProvider(this).AddFilter<CapturedLogs>(null, LogLevel.Trace);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
