using System.Globalization;
using System.Text;
using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>
/// <c>LOG_FORMAT=text</c>: one logfmt line per entry, as Go's slog text handler writes it:
/// <code>time=2025-01-02T03:04:05.0000000Z level=INFO msg="provider ready" logger=Category event=Name Key=value error="…"</code>
/// A value is quoted (with Go escapes) when it is empty or holds a space, a quote, an equals sign or a control
/// character, so a multi-line exception stays on one line.
/// </summary>
internal sealed class TextLogFormatter : ProviderLogFormatter
{
    public TextLogFormatter(SecretRedactor redactor, TimeProvider time)
        : base(redactor, time)
    {
    }

    protected override string Format(LogLine line)
    {
        var text = new StringBuilder();
        Append(text, "time", line.Time);
        Append(text, "level", line.Level);
        Append(text, "msg", line.Message);
        Append(text, "logger", line.Category);
        if (line.EventId.Id != 0 || line.EventId.Name is not null)
        {
            Append(text, "event", line.EventId.Name ?? line.EventId.Id.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in line.Attributes)
        {
            Append(text, key, value switch
            {
                null => "<nil>",
                bool b => b ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            });
        }

        if (line.Exception is not null)
        {
            Append(text, "error", line.Exception);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, string value)
    {
        if (text.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(key).Append('=');
        if (!NeedsQuotes(value))
        {
            text.Append(value);
            return;
        }

        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value.Any(c => c is ' ' or '"' or '=' or '\\' || char.IsControl(c));
}
