using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>Everything a Create (or Reconfigure's desired state) is built from: the VM and its resolved dependencies.</summary>
public sealed record CreatePayloadInputs
{
    /// <summary>The VirtualMachine.</summary>
    public required VirtualMachine Vm { get; init; }

    /// <summary>Its VMClass.</summary>
    public required VMClass Class { get; init; }

    /// <summary>Its VMImage (null when the VM boots from <c>spec.importedDisk</c>).</summary>
    public VMImage? Image { get; init; }

    /// <summary>The Provider's name (the key of <c>VMImage.status.providerStatus</c>).</summary>
    public required string ProviderName { get; init; }

    /// <summary>The Provider's type (decides how the image is described).</summary>
    public required ProviderType ProviderType { get; init; }

    /// <summary>The VMNetworkAttachments named by the VM's <c>networks[].networkRef</c>, by name.</summary>
    public IReadOnlyDictionary<string, VMNetworkAttachment> Networks { get; init; } = new Dictionary<string, VMNetworkAttachment>();

    /// <summary>The rendered cloud-init documents.</summary>
    public CloudInitDocuments CloudInit { get; init; } = CloudInitDocuments.Empty;
}
