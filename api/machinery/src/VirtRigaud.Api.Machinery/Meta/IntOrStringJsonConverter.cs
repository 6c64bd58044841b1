using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON integer or string.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var i) => IntOrString.FromInt(i),
        JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
        _ => throw new JsonException($"an int-or-string must be a 32-bit integer or a string, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsInt)
        {
            writer.WriteNumberValue(value.IntValue);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }
}
