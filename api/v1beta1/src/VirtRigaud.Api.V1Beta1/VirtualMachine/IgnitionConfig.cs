using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An Ignition config (Fedora CoreOS, Flatcar), given inline or in a Secret of the VM's namespace.</summary>
public sealed record IgnitionConfig
{
    [JsonPropertyName("inline")]
    public string? Inline { get; init; }

    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }
}
