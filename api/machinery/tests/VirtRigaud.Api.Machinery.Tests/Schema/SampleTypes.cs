using System.Text.Json;
using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Schema;

// A miniature API used to test the schema tooling without depending on the real kinds.

public sealed record Widget : IKubernetesObject
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "example.io/v1";

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "Widget";

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init; } = new();

    [JsonPropertyName("spec")]
    public required WidgetSpec Spec { get; init; }
}

public sealed record WidgetSpec
{
    [JsonPropertyName("size")]
    [Minimum(1)]
    [Maximum(10)]
    public required int Size { get; init; }

    [JsonPropertyName("color")]
    [Default("red")]
    public Color? Color { get; init; }

    [JsonPropertyName("shade")]
    [Enum("light", "dark")]
    public string? Shade { get; init; }

    [JsonPropertyName("name")]
    [MaxLength(5)]
    [Pattern("^[a-z]+$")]
    public string? Name { get; init; }

    [JsonPropertyName("verify")]
    [Default(true)]
    public bool? Verify { get; init; }

    [JsonPropertyName("memory")]
    public Quantity? Memory { get; init; }

    [JsonPropertyName("surge")]
    [Default("25%")]
    public IntOrString? Surge { get; init; }

    [JsonPropertyName("timeout")]
    [Default("30m")]
    public Duration? Timeout { get; init; }

    [JsonPropertyName("since")]
    public DateTimeOffset? Since { get; init; }

    [JsonPropertyName("count")]
    public long? Count { get; init; }

    [JsonPropertyName("tags")]
    [MaxItems(2)]
    [ListType("set")]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("extra")]
    [MaxProperties(1)]
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    [JsonPropertyName("parts")]
    [ListType("map")]
    [ListMapKeys("name")]
    public IReadOnlyList<Part>? Parts { get; init; }

    [JsonPropertyName("options")]
    public WidgetOptions? Options { get; init; }

    [JsonPropertyName("template")]
    [EmbeddedObjectMeta]
    public ObjectMeta? Template { get; init; }

    [JsonPropertyName("raw")]
    [PreserveUnknownFields]
    public JsonElement? Raw { get; init; }
}

public sealed record Part
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("weight")]
    [Default(1)]
    public int? Weight { get; init; }
}

public sealed record WidgetOptions
{
    [JsonPropertyName("retries")]
    [Default(3)]
    public int? Retries { get; init; }

    [JsonPropertyName("mode")]
    [Default("fast")]
    public string? Mode { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Color>))]
public enum Color
{
    [JsonStringEnumMemberName("red")]
    Red,

    [JsonStringEnumMemberName("dark-blue")]
    DarkBlue,
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(Widget))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
