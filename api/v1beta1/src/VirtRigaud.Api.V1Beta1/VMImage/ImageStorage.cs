using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Where and how an imported image is stored on the provider.</summary>
public sealed record ImageStorage
{
    [JsonPropertyName("vsphere")]
    public VSphereImageStorage? VSphere { get; init; }

    [JsonPropertyName("libvirt")]
    public LibvirtImageStorage? Libvirt { get; init; }

    [JsonPropertyName("preferredFormat")]
    public ImageFormat? PreferredFormat { get; init; }

    [JsonPropertyName("compression")]
    [Default(false)]
    public bool? Compression { get; init; }
}
