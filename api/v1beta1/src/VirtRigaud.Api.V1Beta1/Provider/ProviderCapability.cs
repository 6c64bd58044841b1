using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A coarse capability name of a provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderCapability>))]
public enum ProviderCapability
{
    VirtualMachines,
    Snapshots,
    Cloning,
    LiveMigration,
    ConsoleAccess,
    DiskManagement,
    NetworkManagement,
    GPUPassthrough,
    HighAvailability,
    Backup,
    Templates,
}
