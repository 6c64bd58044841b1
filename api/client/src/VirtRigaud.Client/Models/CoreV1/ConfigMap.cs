using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ConfigMap: non-secret configuration data.</summary>
public sealed record ConfigMap : IKubernetesObject
{
    public const string KindName = "ConfigMap";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>UTF-8 values.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Binary values (base64 on the wire); keys must not repeat those of data.</summary>
    [JsonPropertyName("binaryData")]
    public IReadOnlyDictionary<string, byte[]>? BinaryData { get; init; }

    /// <summary>When true, data cannot change (only deletion).</summary>
    [JsonPropertyName("immutable")]
    public bool? Immutable { get; init; }
}
