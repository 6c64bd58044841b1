using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.Status: the body of every error response (and of a few successful deletes). <see cref="Code"/> is the HTTP
/// status; <see cref="Reason"/> is what clients branch on (<see cref="StatusReasons"/>).
/// </summary>
public sealed record Status
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "Status"; } = "Status";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init => field = value ?? "v1"; } = "v1";

    [JsonPropertyName("metadata")]
    public ListMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? StatusValue { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("details")]
    public StatusDetails? Details { get; init; }

    [JsonPropertyName("code")]
    public int? Code { get; init; }

    public const string Success = "Success";
    public const string Failure = "Failure";
}
