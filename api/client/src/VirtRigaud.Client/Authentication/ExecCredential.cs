using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Authentication;

/// <summary>client.authentication.k8s.io ExecCredential (v1 and v1beta1 share the shape): the plugin's input and output.</summary>
internal sealed record ExecCredential
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("spec")]
    public ExecCredentialSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public ExecCredentialStatus? Status { get; init; }
}
