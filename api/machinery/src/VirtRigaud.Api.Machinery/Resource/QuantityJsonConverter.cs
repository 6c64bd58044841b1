using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>
/// A <see cref="Quantity"/> on the wire: a string (or, as Kubernetes also accepts, a JSON number), written back as the
/// text it was read from.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
            _ => throw new JsonException($"a quantity must be a string or a number, found {reader.TokenType}"),
        };
        return Quantity.TryParse(text.Trim(), out var q, out var error)
            ? q
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"invalid quantity \"{text}\": {error}"));
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
