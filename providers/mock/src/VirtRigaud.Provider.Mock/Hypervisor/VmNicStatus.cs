namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A NIC as ListVMs reports it; the IP is empty while the guest does not report it. Immutable.</summary>
public sealed record VmNicStatus(string Name, string MacAddress, string IpAddress);
