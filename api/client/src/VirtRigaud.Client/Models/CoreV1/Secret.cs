using System.Text;
using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 Secret: credentials and other small secret data. Values are bytes, base64 on the wire; ToString never prints them.</summary>
public sealed record Secret : IKubernetesObject
{
    public const string KindName = "Secret";

    /// <summary>The apiVersion of this kind.</summary>
    public const string ApiVersionName = "v1";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = ApiVersionName;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    // The source generator assigns every init property it constructs, absent ones as null; keep metadata non-null.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>The secret data; keys match [-._a-zA-Z0-9]+.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience: merged into data by the server, never returned.</summary>
    [JsonPropertyName("stringData")]
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>The secret type, e.g. Opaque or kubernetes.io/tls.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>When true, data cannot change (only deletion).</summary>
    [JsonPropertyName("immutable")]
    public bool? Immutable { get; init; }

    // Records print every property; secret values must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApiVersion = ").Append(ApiVersion);
        builder.Append(", Kind = ").Append(Kind);
        builder.Append(", Metadata = ").Append(Metadata);
        builder.Append(", Data = ").Append(Data is null ? "null" : "<redacted>");
        builder.Append(", StringData = ").Append(StringData is null ? "null" : "<redacted>");
        builder.Append(", Type = ").Append(Type);
        builder.Append(", Immutable = ").Append(Immutable);
        return true;
    }
}
