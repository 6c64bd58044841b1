using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 WindowsSecurityContextOptions: Windows-specific container security settings.</summary>
public sealed record WindowsSecurityContextOptions
{
    /// <summary>The inlined content of the GMSA credential spec named by <see cref="GmsaCredentialSpecName"/>.</summary>
    [JsonPropertyName("gmsaCredentialSpec")]
    public string? GmsaCredentialSpec { get; init; }

    [JsonPropertyName("gmsaCredentialSpecName")]
    public string? GmsaCredentialSpecName { get; init; }

    /// <summary>Whether the container runs as a Windows HostProcess container.</summary>
    [JsonPropertyName("hostProcess")]
    public bool? HostProcess { get; init; }

    [JsonPropertyName("runAsUserName")]
    public string? RunAsUserName { get; init; }
}
