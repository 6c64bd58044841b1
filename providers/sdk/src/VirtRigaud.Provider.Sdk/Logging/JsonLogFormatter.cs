using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Sdk.Logging;

/// <summary>
/// <c>LOG_FORMAT=json</c>: one JSON object per line, keys in the order of Go's slog JSON handler and then ours:
/// <code>{"time":"2025-01-02T03:04:05.0000000Z","level":"INFO","msg":"…","logger":"Category","event":"Name",&lt;attributes&gt;,"error":"…"}</code>
/// Attributes keep their template names (<c>Method</c>, <c>ElapsedMilliseconds</c>); numbers and booleans stay JSON
/// numbers and booleans, everything else is a (masked) string.
/// </summary>
internal sealed class JsonLogFormatter : ProviderLogFormatter
{
    // Log lines are read by people and log pipelines, not embedded in HTML: keep non-ASCII text and quotes readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonLogFormatter(SecretRedactor redactor, TimeProvider time)
        : base(redactor, time)
    {
    }

    protected override string Format(LogLine line)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", line.Time);
            json.WriteString("level", line.Level);
            json.WriteString("msg", line.Message);
            json.WriteString("logger", line.Category);
            if (line.EventId.Id != 0 || line.EventId.Name is not null)
            {
                json.WriteString("event", line.EventId.Name ?? line.EventId.Id.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var (key, value) in line.Attributes)
            {
                WriteValue(json, key, value);
            }

            if (line.Exception is not null)
            {
                json.WriteString("error", line.Exception);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int or long or short or byte or uint:
                json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumber(key, u);
                break;
            case decimal d:
                json.WriteNumber(key, d);
                break;
            case double or float:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(number))
                {
                    json.WriteNumber(key, number);
                }
                else
                {
                    // JSON has no NaN or infinities; slog writes them as strings too.
                    json.WriteString(key, number.ToString(CultureInfo.InvariantCulture));
                }

                break;
            default:
                json.WriteString(key, value.ToString());
                break;
        }
    }
}
