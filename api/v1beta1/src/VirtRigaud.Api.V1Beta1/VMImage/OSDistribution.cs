using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The operating system inside an image.</summary>
public sealed record OSDistribution
{
    [JsonPropertyName("name")]
    [Enum("ubuntu", "centos", "rhel", "fedora", "debian", "suse", "windows", "freebsd", "coreos", "other")]
    public string? Name { get; init; }

    [JsonPropertyName("version")]
    [MaxLength(100)]
    public string? Version { get; init; }

    [JsonPropertyName("variant")]
    [MaxLength(100)]
    public string? Variant { get; init; }

    [JsonPropertyName("family")]
    [Enum("linux", "windows", "bsd", "other")]
    public string? Family { get; init; }

    [JsonPropertyName("kernel")]
    public KernelInfo? Kernel { get; init; }
}
