using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// Reads and writes <see cref="IntOrString"/> as a JSON integer or string, as intstr.IntOrString's JSON methods do:
/// a number must be an integer that fits 32 bits (<c>1.5</c>, <c>1e3</c> and <c>3000000000</c> are errors), and
/// <c>null</c> for a non-nullable property is the integer 0 (Go leaves the zero value). A nullable
/// <c>IntOrString?</c> reads <c>null</c> as null.
/// </summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    /// <inheritdoc/>
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
        JsonTokenType.Number when reader.TryGetInt32(out var i) => IntOrString.FromInt(i),
        JsonTokenType.Number => throw new JsonException("an int-or-string number must be an integer that fits in 32 bits"),
        JsonTokenType.Null => default,
        _ => throw new JsonException($"an int-or-string must be an integer or a string, found {reader.TokenType}"),
    };

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.StringValue is { } s)
        {
            writer.WriteStringValue(s);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
