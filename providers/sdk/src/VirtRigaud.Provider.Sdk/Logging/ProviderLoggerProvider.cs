using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>
/// Writes log entries, formatted and masked by a <see cref="ProviderLogFormatter"/>, to a text writer (standard
/// output in a provider process), one line each, as Go's slog handlers do: synchronously and in order, so the last
/// line before an exit is never lost in a queue. Level filtering is the logger factory's. Thread-safe: writes are
/// serialized.
/// </summary>
internal sealed class ProviderLoggerProvider : ILoggerProvider
{
    private readonly ProviderLogFormatter _formatter;
    private readonly TextWriter _output;
    private readonly Lock _sync = new();

    public ProviderLoggerProvider(ProviderLogFormatter formatter, TextWriter output)
    {
        _formatter = formatter;
        _output = output;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_sync)
        {
            _output.Flush();
        }
    }

    private void Write<TState>(in LogEntry<TState> entry)
    {
        if (_formatter.Format(entry) is not { } line)
        {
            return;
        }

        lock (_sync)
        {
            _output.Write(line);
            _output.Write('\n');
            _output.Flush();
        }
    }

    private sealed class Logger(ProviderLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
