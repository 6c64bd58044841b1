using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Resource;

/// <summary>
/// A <see cref="Quantity"/> on the wire. Reads a JSON string or number (<c>"1Gi"</c>, <c>1</c>, <c>0.5</c>,
/// <c>1e3</c>), trimming surrounding whitespace as Kubernetes' UnmarshalJSON does. Writes a JSON string holding the
/// text the quantity was read with (<see cref="Quantity.ToString"/>), so an object round-trips unchanged as on a
/// CRD-backed server; a built-in Kubernetes type would write <see cref="Quantity.ToCanonicalString"/> instead.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc/>
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            _ => throw new JsonException($"a quantity must be a string or a number, found {reader.TokenType}"),
        };
        return Quantity.TryParse(text.Trim(), out var q, out var error)
            ? q
            : throw new JsonException($"invalid quantity \"{text}\": {error}");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
