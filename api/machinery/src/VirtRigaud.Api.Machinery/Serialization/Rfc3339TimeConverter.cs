using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// Reads any RFC 3339 time and writes metav1.Time's form (UTC, seconds). Registered on every JSON context of ours so
/// that every <see cref="DateTimeOffset"/> in an API object is a metav1.Time.
/// </summary>
public sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected an RFC 3339 time string, found {reader.TokenType}");
        }

        var text = reader.GetString()!;
        return Rfc3339.TryParse(text, out var value) ? value : throw new JsonException($"\"{text}\" is not an RFC 3339 time");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}
