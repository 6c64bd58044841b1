using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Guest customization applied to the clone (identity, network, cloud-init, sysprep, commands, certificates).</summary>
public sealed record VMCustomization
{
    [JsonPropertyName("hostname")]
    [MaxLength(255)]
    [Pattern(@"^[a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?$")]
    public string? Hostname { get; init; }

    [JsonPropertyName("domain")]
    [MaxLength(255)]
    public string? Domain { get; init; }

    /// <summary>A time zone name, e.g. <c>Europe/Riga</c>.</summary>
    [JsonPropertyName("timeZone")]
    [MaxLength(100)]
    public string? TimeZone { get; init; }

    /// <summary>Per-NIC settings; names are unique.</summary>
    [JsonPropertyName("networks")]
    [MaxItems(10)]
    public IReadOnlyList<NetworkCustomization>? Networks { get; init; }

    /// <summary>Cloud-init or Ignition data, the same shape as a VirtualMachine's.</summary>
    [JsonPropertyName("userData")]
    public UserData? UserData { get; init; }

    /// <summary>Windows sysprep.</summary>
    [JsonPropertyName("sysprep")]
    public SysprepCustomization? Sysprep { get; init; }

    [JsonPropertyName("tags")]
    [MaxItems(50)]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("guestCommands")]
    [MaxItems(20)]
    public IReadOnlyList<GuestCommand>? GuestCommands { get; init; }

    [JsonPropertyName("certificates")]
    [MaxItems(10)]
    public IReadOnlyList<CertificateSpec>? Certificates { get; init; }
}
