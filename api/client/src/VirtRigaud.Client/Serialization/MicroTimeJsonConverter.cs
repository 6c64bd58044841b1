using System.Text.Json;
using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Client.Serialization;

/// <summary>
/// metav1.MicroTime on the wire: reads any RFC 3339 time and writes UTC with exactly six fractional digits
/// (<c>2006-01-02T15:04:05.000000Z</c>), as Lease <c>acquireTime</c>/<c>renewTime</c> and Event <c>eventTime</c> are.
/// Apply it per property; <see cref="Rfc3339TimeConverter"/> (whole seconds) stays the default for metav1.Time.
/// </summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected an RFC 3339 time string, found {reader.TokenType}");
        }

        var text = reader.GetString()!;
        return Rfc3339.TryParse(text, out var value)
            ? value
            : throw new JsonException($"\"{text}\" is not an RFC 3339 time such as \"2025-03-01T10:00:00.000000Z\"");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (value.UtcTicks == 0)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(Rfc3339.FormatMicro(value));
        }
    }
}
