using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Where a <see cref="VMImage"/> comes from. Exactly one member must be set: upstream's schema never said so, but an
/// image with no source or with two cannot be prepared unambiguously.
/// </summary>
public sealed record ImageSource
{
    [JsonPropertyName("vsphere")]
    public VSphereImageSource? VSphere { get; init; }

    [JsonPropertyName("libvirt")]
    public LibvirtImageSource? Libvirt { get; init; }

    [JsonPropertyName("http")]
    public HTTPImageSource? Http { get; init; }

    [JsonPropertyName("registry")]
    public RegistryImageSource? Registry { get; init; }

    [JsonPropertyName("dataVolume")]
    public DataVolumeImageSource? DataVolume { get; init; }

    [JsonPropertyName("proxmox")]
    public ProxmoxImageSource? Proxmox { get; init; }
}
