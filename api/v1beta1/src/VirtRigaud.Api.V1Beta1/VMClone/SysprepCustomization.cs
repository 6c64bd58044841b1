using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Windows sysprep settings of the clone.</summary>
public sealed record SysprepCustomization
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("productKey")]
    public string? ProductKey { get; init; }

    [JsonPropertyName("organization")]
    [MaxLength(255)]
    public string? Organization { get; init; }

    [JsonPropertyName("owner")]
    [MaxLength(255)]
    public string? Owner { get; init; }

    [JsonPropertyName("adminPassword")]
    public PasswordSpec? AdminPassword { get; init; }

    [JsonPropertyName("joinDomain")]
    public DomainJoinSpec? JoinDomain { get; init; }

    [JsonPropertyName("customCommands")]
    [MaxItems(20)]
    public IReadOnlyList<string>? CustomCommands { get; init; }
}
