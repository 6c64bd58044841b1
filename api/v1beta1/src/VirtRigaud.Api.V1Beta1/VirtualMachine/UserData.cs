using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Guest initialisation data: cloud-init user-data or an Ignition config.</summary>
public sealed record UserData
{
    [JsonPropertyName("cloudInit")]
    public CloudInitConfig? CloudInit { get; init; }

    /// <summary>An Ignition config (accepted, but upstream never hands it to a provider).</summary>
    [JsonPropertyName("ignition")]
    public IgnitionConfig? Ignition { get; init; }
}
