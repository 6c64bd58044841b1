using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Classes;

namespace VirtRigaud.Controllers.NetworkAttachments;

/// <summary>
/// Whether one Provider can attach VMs to a network, by what the VM controller sends in <c>networks_json</c> and what
/// the Provider reports in <c>supportedNetworkTypes</c>:
/// <code>
/// provider type   needs                                          type checked against supportedNetworkTypes
/// vsphere         vsphere.portgroup or vsphere.distributedSwitch  "distributed" with a distributed switch, else "standard"
/// libvirt         libvirt.networkName or libvirt.bridge           libvirt.model (default virtio)
/// proxmox         proxmox.bridge                                  "vlan" with a vlanTag, else "bridge"
/// others (mock)   —                                               the NIC model sent (proxmox, else libvirt, else vsphere
///                                                                 adapterType), when set
/// </code>
/// The type check is skipped when the Provider reports no network types (or no capabilities yet). Pure.
/// </summary>
public static class NetworkCapabilityCheck
{
    /// <summary>Null when <paramref name="provider"/> can use <paramref name="network"/>, else why not (naming the field).</summary>
    public static string? Problem(VMNetworkConfig network, string provider, ProviderType type, ProviderReportedCapabilities? capabilities)
    {
        string? token;
        string field;
        switch (type)
        {
            case ProviderType.VSphere:
                if (network.VSphere is not { } vsphere || (string.IsNullOrEmpty(vsphere.Portgroup) && vsphere.DistributedSwitch is null))
                {
                    return $"spec.network.vsphere: Provider {provider} (vsphere) needs a portgroup or distributedSwitch";
                }

                (token, field) = vsphere.DistributedSwitch is not null ? ("distributed", "spec.network.vsphere.distributedSwitch") : ("standard", "spec.network.vsphere.portgroup");
                break;
            case ProviderType.Libvirt:
                if (network.Libvirt is not { } libvirt || (string.IsNullOrEmpty(libvirt.NetworkName) && libvirt.Bridge is null))
                {
                    return $"spec.network.libvirt: Provider {provider} (libvirt) needs a networkName or bridge";
                }

                (token, field) = (string.IsNullOrEmpty(libvirt.Model) ? "virtio" : libvirt.Model, "spec.network.libvirt.model");
                break;
            case ProviderType.Proxmox:
                if (network.Proxmox is not { } proxmox || string.IsNullOrEmpty(proxmox.Bridge))
                {
                    return $"spec.network.proxmox: Provider {provider} (proxmox) needs a bridge";
                }

                (token, field) = proxmox.VlanTag is not null ? ("vlan", "spec.network.proxmox.vlanTag") : ("bridge", "spec.network.proxmox.bridge");
                break;
            default:
                // The VM controller applies the sections in this order, the last one winning.
                (token, field) = (null, "");
                if (!string.IsNullOrEmpty(network.VSphere?.AdapterType))
                {
                    (token, field) = (network.VSphere.AdapterType, "spec.network.vsphere.adapterType");
                }

                if (!string.IsNullOrEmpty(network.Libvirt?.Model))
                {
                    (token, field) = (network.Libvirt.Model, "spec.network.libvirt.model");
                }

                if (!string.IsNullOrEmpty(network.Proxmox?.Model))
                {
                    (token, field) = (network.Proxmox.Model, "spec.network.proxmox.model");
                }

                break;
        }

        if (token is null || capabilities?.SupportedNetworkTypes is not { Count: > 0 } supported || supported.Contains(token, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"{field}: network type {token} is not supported by Provider {provider} ({ClassCapabilityCheck.WireName(type)}; supported: {string.Join(", ", supported)})";
    }
}
