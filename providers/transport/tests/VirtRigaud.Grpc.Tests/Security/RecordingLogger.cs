using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>A logger and logger provider that keeps every message, so tests can assert why a handshake failed.</summary>
internal sealed class RecordingLogger : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly string _category;
    private readonly RecordingLogger? _root;

    public RecordingLogger()
        : this("", null)
    {
    }

    private RecordingLogger(string category, RecordingLogger? root)
    {
        _category = category;
        _root = root;
    }

    public IReadOnlyList<LogEntry> Entries => [.. (_root ?? this)._entries];

    public IReadOnlyList<LogEntry> WithEvent(string eventName) =>
        [.. Entries.Where(e => string.Equals(e.EventId.Name, eventName, StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _root ?? this);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        (_root ?? this)._entries.Enqueue(new LogEntry(_category, logLevel, eventId, formatter(state, exception), exception));

    public void Dispose()
    {
    }
}
