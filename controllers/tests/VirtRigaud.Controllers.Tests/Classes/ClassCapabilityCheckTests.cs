using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.NetworkAttachments;

namespace VirtRigaud.Controllers.Tests.Classes;

public sealed class ClassCapabilityCheckTests
{
    private static readonly ProviderReportedCapabilities Libvirt = new()
    {
        SupportsReconfigureOnline = false,
        SupportedDiskTypes = ["qcow2", "raw", "vmdk"],
        SupportedNetworkTypes = ["virtio", "e1000", "rtl8139"],
    };

    private static VMClassSpec Class(DiskType? disk = null, bool hotAdd = false, Dictionary<string, string>? extra = null) => new()
    {
        Cpu = 2,
        Memory = Quantity.Parse("4Gi"),
        DiskDefaults = disk is null ? null : new DiskDefaults { Type = disk },
        PerformanceProfile = hotAdd ? new PerformanceProfile { CpuHotAddEnabled = true } : null,
        ExtraConfig = extra,
    };

    [Fact]
    public void Check_NothingProviderSpecific_Valid()
    {
        var result = ClassCapabilityCheck.Check(Class(), "kvm", ProviderType.Libvirt, Libvirt);

        Assert.True(result.Valid);
        Assert.Null(result.Warnings);
    }

    [Fact]
    public void Check_UnsupportedDiskType_InvalidNamingProviderFieldAndChoices()
    {
        var result = ClassCapabilityCheck.Check(Class(DiskType.EagerZeroedThick), "kvm", ProviderType.Libvirt, Libvirt);

        Assert.False(result.Valid);
        Assert.Equal("spec.diskDefaults.type eagerzeroedthick is not supported by Provider kvm (supported: qcow2, raw, vmdk)", result.Message);
    }

    [Fact]
    public void Check_DiskTypeCaseInsensitiveAndUnreportedList_Valid()
    {
        Assert.True(ClassCapabilityCheck.Check(Class(DiskType.Thin), "p", ProviderType.Mock, new ProviderReportedCapabilities { SupportedDiskTypes = ["THIN"] }).Valid);
        Assert.True(ClassCapabilityCheck.Check(Class(DiskType.Nvme), "p", ProviderType.Mock, new ProviderReportedCapabilities()).Valid);
    }

    [Fact]
    public void Check_HotAddWithoutOnlineReconfigure_Invalid()
    {
        var result = ClassCapabilityCheck.Check(Class(hotAdd: true), "kvm", ProviderType.Libvirt, Libvirt);

        Assert.False(result.Valid);
        Assert.StartsWith("spec.performanceProfile.cpuHotAddEnabled: Provider kvm", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExtraConfigForAnotherProviderType_Warning()
    {
        var result = ClassCapabilityCheck.Check(Class(extra: new() { ["vsphere.hardwareVersion"] = "19", ["libvirt.machine"] = "q35", ["custom"] = "x" }), "kvm", ProviderType.Libvirt, Libvirt);

        Assert.True(result.Valid);
        Assert.Equal(["spec.extraConfig[vsphere.hardwareVersion] applies to vsphere providers; Provider kvm (libvirt) ignores it"], result.Warnings!);
    }

    [Theory]
    [InlineData(ProviderType.VSphere, "vsphere-pg", null)]
    [InlineData(ProviderType.VSphere, "libvirt-only", "spec.network.vsphere: Provider p (vsphere) needs a portgroup or distributedSwitch")]
    [InlineData(ProviderType.VSphere, "vsphere-dvs", "spec.network.vsphere.distributedSwitch: network type distributed is not supported by Provider p (vsphere; supported: standard)")]
    [InlineData(ProviderType.Libvirt, "libvirt-only", null)]
    [InlineData(ProviderType.Libvirt, "libvirt-bad-model", "spec.network.libvirt.model: network type pcnet is not supported by Provider p (libvirt; supported: virtio, e1000, rtl8139)")]
    [InlineData(ProviderType.Proxmox, "vsphere-pg", "spec.network.proxmox: Provider p (proxmox) needs a bridge")]
    [InlineData(ProviderType.Mock, "vsphere-pg", null)]
    [InlineData(ProviderType.Mock, "libvirt-bad-model", "spec.network.libvirt.model: network type pcnet is not supported by Provider p (mock; supported: virtio, e1000, rtl8139)")]
    public void NetworkProblem_ByProviderType(ProviderType type, string network, string? expected)
    {
        var config = network switch
        {
            "vsphere-pg" => new VMNetworkConfig { VSphere = new VSphereNetworkConfig { Portgroup = "VM Network" } },
            "vsphere-dvs" => new VMNetworkConfig { VSphere = new VSphereNetworkConfig { DistributedSwitch = new DistributedSwitchConfig { Name = "dvs" } } },
            "libvirt-only" => new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "default" } },
            _ => new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "default", Model = "pcnet" } },
        };
        var capabilities = type == ProviderType.VSphere ? new ProviderReportedCapabilities { SupportedNetworkTypes = ["standard"] } : Libvirt;

        Assert.Equal(expected, NetworkCapabilityCheck.Problem(config, "p", type, capabilities));
    }
}
