namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>One address of <c>virsh domifaddr</c>.</summary>
/// <param name="Interface">Interface name (guest name with the agent, vnetN otherwise).</param>
/// <param name="Mac">MAC address.</param>
/// <param name="Address">IP address without prefix.</param>
internal sealed record InterfaceAddress(string Interface, string Mac, string Address);
