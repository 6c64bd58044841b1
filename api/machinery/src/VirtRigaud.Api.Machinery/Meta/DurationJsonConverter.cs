using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// Reads and writes <see cref="Duration"/> as a Go duration string. Reading fails with Go's message for text
/// <c>time.ParseDuration</c> rejects, and for non-strings (a non-nullable property cannot be <c>null</c>: Go parses
/// that as <c>""</c>, which is invalid). Writing keeps the text the duration was read with.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    /// <inheritdoc/>
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a duration must be a string such as \"90s\", found {reader.TokenType}");
        }

        var text = reader.GetString()!;
        return Duration.TryParse(text, out var d, out var error) ? d : throw new JsonException(error);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
