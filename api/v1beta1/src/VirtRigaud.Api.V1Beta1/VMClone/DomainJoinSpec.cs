using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Joins the Windows clone to an Active Directory domain during sysprep.</summary>
public sealed record DomainJoinSpec
{
    [JsonPropertyName("domain")]
    [MaxLength(255)]
    public required string Domain { get; init; }

    [JsonPropertyName("username")]
    [MaxLength(255)]
    public required string Username { get; init; }

    [JsonPropertyName("password")]
    public required PasswordSpec Password { get; init; }

    /// <summary>The OU of the computer account, e.g. <c>OU=Servers,DC=example,DC=com</c>.</summary>
    [JsonPropertyName("organizationalUnit")]
    [MaxLength(500)]
    public string? OrganizationalUnit { get; init; }
}
