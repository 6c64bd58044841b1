using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The vSphere SCSI controller a disk is attached to.</summary>
public sealed record SCSIControllerSpec
{
    /// <summary>The controller's bus number.</summary>
    [JsonPropertyName("controller")]
    [Minimum(0)]
    [Maximum(3)]
    public int? Controller { get; init; }

    [JsonPropertyName("sharedBus")]
    [Enum("noSharing", "virtualSharing", "physicalSharing")]
    [Default("noSharing")]
    public string? SharedBus { get; init; }

    [JsonPropertyName("controllerType")]
    [Enum("lsilogic", "buslogic", "lsilogic-sas", "pvscsi")]
    [Default("pvscsi")]
    public string? ControllerType { get; init; }
}
