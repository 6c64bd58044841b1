using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// metav1.Time on the wire: reads any RFC 3339 time (<see cref="Rfc3339.TryParse"/>) and writes UTC with whole
/// seconds (<see cref="Rfc3339.Format"/>). Registered on every JSON context of ours so that every
/// <see cref="DateTimeOffset"/> in an API object is a metav1.Time.
/// <para>
/// As metav1.Time, the zero time (0001-01-01T00:00:00Z, <c>default</c>) is written as <c>null</c> and <c>null</c>
/// reads as the zero time. This matters only for non-nullable properties: a <c>DateTimeOffset?</c> reads <c>null</c>
/// as null.
/// </para>
/// </summary>
public sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                return Rfc3339.TryParse(text, out var value)
                    ? value
                    : throw new JsonException($"\"{text}\" is not an RFC 3339 time such as \"2025-03-01T10:00:00Z\"");
            default:
                throw new JsonException($"expected an RFC 3339 time string, found {reader.TokenType}");
        }
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
            writer.WriteStringValue(Rfc3339.Format(value));
        }
    }
}
