using System.Globalization;
using Google.Protobuf;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>
/// Builds the provider.v1 Create request and Reconfigure desired state of a VirtualMachine from its resolved
/// dependencies, in upstream's payload shapes (API-REFERENCE §2.3, the records in
/// <c>VirtRigaud.Provider.Contract.Payloads</c>). Pure and thread-safe.
/// </summary>
/// <remarks>
/// Where upstream dropped an accepted field, we forward it (each is a field the payload already has):
/// <code>
/// field                         upstream                      here
/// networks[].macAddress         dropped (MacAddress "")       MacAddress
/// placement.host                dropped (Host "")             Host
/// spec.resources cpu/memoryMiB  ignored by Create, so the     applied to Create's CPU/MemoryMiB: the VM is created
///                               VM was resized right after    at its desired size, no immediate reconfigure
/// vmnet vsphere adapterType     dropped                       Model
/// </code>
/// <c>placement.resourcePool</c> has no member in upstream's Placement payload and stays unsent.
/// </remarks>
public static class CreatePayloadBuilder
{
    private const long MiB = 1024 * 1024;

    /// <summary>Where upstream points a libvirt VM at an imported disk that names no path.</summary>
    public const string ImportedDiskDirectory = "/var/lib/libvirt/images";

    /// <summary>The Create request.</summary>
    public static CreateRequest BuildCreateRequest(CreatePayloadInputs inputs)
    {
        var request = new CreateRequest
        {
            Name = inputs.Vm.Metadata.Name ?? "",
            ClassJson = ProviderPayloads.SerializeClass(BuildClass(inputs)),
            ImageJson = ProviderPayloads.SerializeImage(BuildImage(inputs)),
            NetworksJson = ProviderPayloads.SerializeNetworks(BuildNetworks(inputs.Vm, inputs.Networks)),
            DisksJson = ProviderPayloads.SerializeDisks(BuildDisks(inputs.Vm)),
            PlacementJson = ProviderPayloads.SerializePlacement(BuildPlacement(inputs.Vm)),
            UserData = ByteString.CopyFromUtf8(inputs.CloudInit.UserData),
            MetaData = ByteString.CopyFromUtf8(inputs.CloudInit.MetaData),
        };
        request.Tags.Add(inputs.Vm.Spec.Tags ?? []);
        return request;
    }

    /// <summary>Reconfigure's <c>desired_json</c>: the whole create request shape with the desired class (upstream's contracts.CreateRequest).</summary>
    public static string BuildReconfigureDesired(CreatePayloadInputs inputs)
    {
        var payload = new ReconfigureDesiredPayload
        {
            Name = inputs.Vm.Metadata.Name ?? "",
            Class = BuildClass(inputs),
            Image = BuildImage(inputs),
            Networks = BuildNetworks(inputs.Vm, inputs.Networks),
            Disks = BuildDisks(inputs.Vm),
            UserData = new UserDataPayload { CloudInitData = inputs.CloudInit.UserData, Type = inputs.CloudInit.UserData.Length > 0 ? "cloud-init" : "" },
            MetaData = new MetaDataPayload { MetaDataYaml = inputs.CloudInit.MetaData },
            Placement = BuildPlacement(inputs.Vm),
            Tags = inputs.Vm.Spec.Tags,
        };
        return ProviderPayloads.SerializeReconfigureDesired(payload);
    }

    /// <summary>
    /// Reconfigure's <c>desired_json</c> for a <paramref name="plan"/>: as <see cref="BuildReconfigureDesired(CreatePayloadInputs)"/>,
    /// but the root disk size is the plan's (0 leaves the disk alone, so a root disk made larger by its image is not
    /// asked to shrink) and each disk is sent at the plan's size (a refused shrink keeps the current size).
    /// </summary>
    public static string BuildReconfigureDesired(CreatePayloadInputs inputs, ReconfigurePlan plan)
    {
        var vmClass = BuildClass(inputs);
        vmClass = vmClass with
        {
            DiskDefaults = (vmClass.DiskDefaults ?? new DiskDefaultsPayload()) with { SizeGiB = plan.PrimaryDiskSizeGiB },
        };
        var disks = BuildDisks(inputs.Vm)?.Select(d => plan.DiskSizesGiB.TryGetValue(d.Name, out var size) ? d with { SizeGiB = size } : d).ToList();
        var payload = new ReconfigureDesiredPayload
        {
            Name = inputs.Vm.Metadata.Name ?? "",
            Class = vmClass,
            Image = BuildImage(inputs),
            Networks = BuildNetworks(inputs.Vm, inputs.Networks),
            Disks = disks,
            UserData = new UserDataPayload { CloudInitData = inputs.CloudInit.UserData, Type = inputs.CloudInit.UserData.Length > 0 ? "cloud-init" : "" },
            MetaData = new MetaDataPayload { MetaDataYaml = inputs.CloudInit.MetaData },
            Placement = BuildPlacement(inputs.Vm),
            Tags = inputs.Vm.Spec.Tags,
        };
        return ProviderPayloads.SerializeReconfigureDesired(payload);
    }

    /// <summary>The desired CPU count and memory (MiB): <c>spec.resources</c> where set, else the class.</summary>
    public static (int Cpu, long MemoryMiB) DesiredResources(VirtualMachine vm, VMClass vmClass) =>
        (vm.Spec.Resources?.Cpu ?? vmClass.Spec.Cpu, vm.Spec.Resources?.MemoryMiB ?? vmClass.Spec.Memory.Value() / MiB);

    /// <summary>The class payload: the VMClass, with the VM's desired CPU and memory.</summary>
    public static ClassPayload BuildClass(CreatePayloadInputs inputs)
    {
        var (cpu, memoryMiB) = DesiredResources(inputs.Vm, inputs.Class);
        return ProviderPayloads.ClassFromSpec(inputs.Class.Spec) with { Cpu = cpu, MemoryMiB = (int)Math.Min(memoryMiB, int.MaxValue) };
    }

    /// <summary>The image payload (upstream's contracts.VMImage): from the imported disk, or from the image source, replaced by the prepared copy when the image is prepared on this provider.</summary>
    public static ImagePayload BuildImage(CreatePayloadInputs inputs)
    {
        var image = new ImagePayload { Format = "template", ChecksumType = "sha256" };
        if (inputs.Vm.Spec.ImportedDisk is { } disk)
        {
            var format = string.IsNullOrEmpty(disk.Format) ? "qcow2" : disk.Format;
            var path = string.IsNullOrEmpty(disk.Path) ? $"{ImportedDiskDirectory}/{disk.DiskID}.{format}" : disk.Path;
            return image with { Path = path, Format = format };
        }

        if (inputs.Image is not { } vmImage)
        {
            return image;
        }

        var source = vmImage.Spec.Source;
        if (source.VSphere is { } vsphere)
        {
            image = image with
            {
                TemplateName = vsphere.TemplateName ?? "",
                Url = vsphere.OvaURL ?? "",
                Checksum = vsphere.Checksum ?? "",
                ChecksumType = vsphere.ChecksumType is { } type ? WireNames.Of(type) : image.ChecksumType,
            };
        }

        if (source.Libvirt is { } libvirt)
        {
            image = image with
            {
                Path = libvirt.Path ?? "",
                Url = libvirt.Url ?? "",
                Format = libvirt.Format is { } format ? WireNames.Of(format) : image.Format,
                Checksum = libvirt.Checksum ?? "",
                ChecksumType = libvirt.ChecksumType is { } type ? WireNames.Of(type) : image.ChecksumType,
            };
        }

        if (source.Proxmox is { } proxmox)
        {
            image = image with { TemplateName = proxmox.TemplateID is { } id ? id.ToString(CultureInfo.InvariantCulture) : proxmox.TemplateName ?? "" };
        }

        if (source.Http is { } http)
        {
            image = image with
            {
                Url = http.Url,
                Checksum = http.Checksum ?? "",
                ChecksumType = http.ChecksumType is { } type ? WireNames.Of(type) : image.ChecksumType,
            };
        }

        if (vmImage.Status?.ProviderStatus is { } statuses && statuses.TryGetValue(inputs.ProviderName, out var prepared) && prepared.Available)
        {
            image = inputs.ProviderType switch
            {
                ProviderType.Libvirt => image with { Path = prepared.Path ?? "", Url = "" },
                ProviderType.VSphere => image with { TemplateName = prepared.Id ?? "", Url = "" },
                ProviderType.Proxmox => image with { TemplateName = prepared.Id ?? "" },

                // Providers upstream did not know: the prepared copy is wherever the provider said it put it.
                _ => image with
                {
                    Path = string.IsNullOrEmpty(prepared.Path) ? image.Path : prepared.Path,
                    TemplateName = string.IsNullOrEmpty(prepared.Id) ? image.TemplateName : prepared.Id,
                    Url = "",
                },
            };
        }

        return image;
    }

    /// <summary>The network payloads; null (Go's nil slice) when the VM lists no networks.</summary>
    public static IReadOnlyList<NetworkAttachmentPayload>? BuildNetworks(VirtualMachine vm, IReadOnlyDictionary<string, VMNetworkAttachment> attachments)
    {
        if (vm.Spec.Networks is not { Count: > 0 } networks)
        {
            return null;
        }

        var result = new List<NetworkAttachmentPayload>(networks.Count);
        foreach (var network in networks)
        {
            var payload = new NetworkAttachmentPayload
            {
                Name = network.Name,
                StaticIp = network.IpAddress ?? "",
                Prefix = network.Prefix ?? 0,
                Gateway = network.Gateway ?? "",
                Dns = network.Dns ?? "",
                MacAddress = network.MacAddress ?? "",
            };
            if (network.NetworkRef is { } reference && attachments.TryGetValue(reference.Name, out var attachment))
            {
                var config = attachment.Spec.Network;
                if (config.VSphere is { } vsphere)
                {
                    payload = payload with
                    {
                        NetworkName = vsphere.Portgroup ?? vsphere.DistributedSwitch?.Name ?? "",
                        Vlan = vsphere.Vlan?.VlanID ?? 0,
                        Model = vsphere.AdapterType ?? "",
                        PciSlotNumber = vsphere.PciSlotNumber,
                    };
                }

                if (config.Libvirt is { } libvirt)
                {
                    payload = payload with { NetworkName = libvirt.NetworkName ?? "", Bridge = libvirt.Bridge?.Name ?? "", Model = libvirt.Model ?? "" };
                }

                if (config.Proxmox is { } proxmox)
                {
                    payload = payload with { Bridge = proxmox.Bridge ?? "", Model = proxmox.Model ?? "", Vlan = proxmox.VlanTag ?? 0 };
                }
            }

            result.Add(payload);
        }

        return result;
    }

    /// <summary>The disk payloads; null when the VM lists no disks.</summary>
    public static IReadOnlyList<DiskPayload>? BuildDisks(VirtualMachine vm) =>
        vm.Spec.Disks is { Count: > 0 } disks
            ? [.. disks.Select(d => new DiskPayload { SizeGiB = d.SizeGiB, Type = d.Type is { } type ? WireNames.Of(type) : "", Name = d.Name })]
            : null;

    /// <summary>The placement payload; null when the VM has no <c>spec.placement</c> (placement_json is then "").</summary>
    public static PlacementPayload? BuildPlacement(VirtualMachine vm) =>
        vm.Spec.Placement is { } placement
            ? new PlacementPayload
            {
                Datastore = placement.Datastore ?? "",
                StoragePod = placement.StoragePod ?? "",
                Cluster = placement.Cluster ?? "",
                Folder = placement.Folder ?? "",
                Host = placement.Host ?? "",
            }
            : null;
}
