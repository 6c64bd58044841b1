using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The kernel of an image's operating system.</summary>
public sealed record KernelInfo
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("type")]
    [Enum("linux", "windows", "freebsd", "other")]
    public string? Type { get; init; }
}
