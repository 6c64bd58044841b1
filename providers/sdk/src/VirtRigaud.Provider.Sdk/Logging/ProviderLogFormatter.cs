using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>
/// What both log line formats share: the entry's fields in a fixed order and the secret masking. Every text that
/// reaches the output — the message, each attribute's value, the exception — goes through
/// <see cref="SecretRedactor.Redact"/> first. Scopes are not written (the SDK opens none). Keeps no state between
/// entries; thread-safe.
/// </summary>
internal abstract class ProviderLogFormatter
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;

    protected ProviderLogFormatter(SecretRedactor redactor, TimeProvider time)
    {
        _redactor = redactor;
        _time = time;
    }

    /// <summary>The formatter for <paramref name="format"/>.</summary>
    public static ProviderLogFormatter For(ProviderLogFormat format, SecretRedactor redactor, TimeProvider time) => format switch
    {
        ProviderLogFormat.Json => new JsonLogFormatter(redactor, time),
        _ => new TextLogFormatter(redactor, time),
    };

    /// <summary>The entry as one line without the newline, or <c>null</c> when it has neither message nor exception.</summary>
    public string? Format<TState>(in LogEntry<TState> entry)
    {
        var message = entry.Formatter?.Invoke(entry.State, entry.Exception);
        if (string.IsNullOrEmpty(message) && entry.Exception is null)
        {
            return null;
        }

        var attributes = new List<KeyValuePair<string, object?>>();
        if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                if (key != OriginalFormatKey)
                {
                    attributes.Add(new KeyValuePair<string, object?>(key, Mask(value)));
                }
            }
        }

        return Format(new LogLine(
            _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            LevelName(entry.LogLevel),
            _redactor.Redact(message ?? ""),
            entry.Category,
            entry.EventId,
            attributes,
            entry.Exception is null ? null : _redactor.Redact(entry.Exception.ToString())));
    }

    /// <summary>One entry as a single line (no trailing newline).</summary>
    protected abstract string Format(LogLine line);

    /// <summary>slog's level names; Trace and Critical, which slog lacks, by their own names.</summary>
    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "NONE",
    };

    /// <summary>Numbers and booleans pass as they are; anything else becomes masked text.</summary>
    private object? Mask(object? value) => value switch
    {
        null or bool or byte or short or int or long or uint or ulong or float or double or decimal => value,
        string text => _redactor.Redact(text),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => _redactor.Redact(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => _redactor.Redact(value.ToString() ?? ""),
    };

    /// <summary>An entry ready to format: every text already masked.</summary>
    protected internal sealed record LogLine(
        string Time,
        string Level,
        string Message,
        string Category,
        EventId EventId,
        IReadOnlyList<KeyValuePair<string, object?>> Attributes,
        string? Exception);
}
