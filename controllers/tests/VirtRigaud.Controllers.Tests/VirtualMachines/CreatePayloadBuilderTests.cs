using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

public sealed class CreatePayloadBuilderTests
{
    private static VirtualMachine Vm(Func<VirtualMachineSpec, VirtualMachineSpec>? edit = null)
    {
        var spec = new VirtualMachineSpec
        {
            ProviderRef = new ObjectRef { Name = "p" },
            ClassRef = new ObjectRef { Name = "small" },
            ImageRef = new ObjectRef { Name = "ubuntu" },
        };
        return new VirtualMachine { Metadata = new ObjectMeta { Name = "web-1", Namespace = "ns" }, Spec = edit is null ? spec : edit(spec) };
    }

    private static readonly VMClass Small = new()
    {
        Metadata = new ObjectMeta { Name = "small", Namespace = "ns" },
        Spec = new VMClassSpec { Cpu = 2, Memory = Quantity.Parse("4Gi") },
    };

    private static VMImage Image(ImageSource source, IReadOnlyDictionary<string, ImageProviderStatus>? status = null) => new()
    {
        Metadata = new ObjectMeta { Name = "ubuntu", Namespace = "ns" },
        Spec = new VMImageSpec { Source = source },
        Status = status is null ? null : new VMImageStatus { ProviderStatus = status },
    };

    private static CreatePayloadInputs Inputs(VirtualMachine vm, VMImage? image, ProviderType type = ProviderType.Libvirt) => new()
    {
        Vm = vm,
        Class = Small,
        Image = image,
        ProviderName = "p",
        ProviderType = type,
    };

    [Fact]
    public void BuildCreateRequest_MinimalLibvirtVm_UpstreamBytes()
    {
        var request = CreatePayloadBuilder.BuildCreateRequest(Inputs(Vm(), Image(new ImageSource { Libvirt = new LibvirtImageSource { Path = "/images/u.qcow2", Format = ImageFormat.Qcow2 } })));

        Assert.Equal("web-1", request.Name);
        Assert.Equal("{\"CPU\":2,\"MemoryMiB\":4096,\"Firmware\":\"\",\"DiskDefaults\":null,\"GuestToolsPolicy\":\"\",\"ExtraConfig\":null,\"PerformanceProfile\":null,\"SecurityProfile\":null,\"ResourceLimits\":null}", request.ClassJson);
        Assert.Equal("{\"TemplateName\":\"\",\"Path\":\"/images/u.qcow2\",\"URL\":\"\",\"Format\":\"qcow2\",\"Checksum\":\"\",\"ChecksumType\":\"sha256\"}", request.ImageJson);
        Assert.Equal("null", request.NetworksJson);
        Assert.Equal("null", request.DisksJson);
        Assert.Equal("", request.PlacementJson);
        Assert.True(request.UserData.IsEmpty);
        Assert.Empty(request.Tags);
    }

    [Fact]
    public void BuildCreateRequest_NetworksDisksPlacementTags_UpstreamBytesWithForwardedMacAndHost()
    {
        var vm = Vm(spec => spec with
        {
            Networks = [new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = "lan" }, IpAddress = "10.0.0.5", Prefix = 24, Gateway = "10.0.0.1", Dns = "10.0.0.2", MacAddress = "52:54:00:aa:bb:cc" }],
            Disks = [new DiskSpec { Name = "data", SizeGiB = 20, Type = DiskType.Thin }],
            Placement = new Placement { Datastore = "ds1", Cluster = "c1", Host = "h1", ResourcePool = "rp" },
            Tags = ["a", "b"],
        });
        var lan = new VMNetworkAttachment
        {
            Metadata = new ObjectMeta { Name = "lan", Namespace = "ns" },
            Spec = new VMNetworkAttachmentSpec { Network = new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "default", Model = "virtio" } } },
        };

        var request = CreatePayloadBuilder.BuildCreateRequest(Inputs(vm, Image(new ImageSource { Libvirt = new LibvirtImageSource { Path = "/i.qcow2" } })) with
        {
            Networks = new Dictionary<string, VMNetworkAttachment> { ["lan"] = lan },
            CloudInit = new CloudInitDocuments { UserData = "#cloud-config", MetaData = "instance-id: x" },
        });

        Assert.Equal("[{\"Name\":\"eth0\",\"Portgroup\":\"\",\"NetworkName\":\"default\",\"Bridge\":\"\",\"VLAN\":0,\"Model\":\"virtio\",\"MacAddress\":\"52:54:00:aa:bb:cc\",\"IPPolicy\":\"\",\"StaticIP\":\"10.0.0.5\",\"Prefix\":24,\"Gateway\":\"10.0.0.1\",\"DNS\":\"10.0.0.2\",\"PCISlotNumber\":null}]", request.NetworksJson);
        Assert.Equal("[{\"SizeGiB\":20,\"Type\":\"thin\",\"Name\":\"data\"}]", request.DisksJson);
        Assert.Equal("{\"Datastore\":\"ds1\",\"StoragePod\":\"\",\"Cluster\":\"c1\",\"Folder\":\"\",\"Host\":\"h1\"}", request.PlacementJson);
        Assert.Equal(["a", "b"], request.Tags);
        Assert.Equal("#cloud-config", request.UserData.ToStringUtf8());
        Assert.Equal("instance-id: x", request.MetaData.ToStringUtf8());
    }

    [Fact]
    public void BuildNetworks_VSphereAndProxmoxAttachments_Mapped()
    {
        var vm = Vm(spec => spec with { Networks = [new VMNetworkRef { Name = "a", NetworkRef = new ObjectRef { Name = "vs" } }, new VMNetworkRef { Name = "b", NetworkRef = new ObjectRef { Name = "px" } }, new VMNetworkRef { Name = "c" }] });
        var attachments = new Dictionary<string, VMNetworkAttachment>
        {
            ["vs"] = new() { Metadata = new ObjectMeta { Name = "vs" }, Spec = new VMNetworkAttachmentSpec { Network = new VMNetworkConfig { VSphere = new VSphereNetworkConfig { Portgroup = "VM Network", Vlan = new VLANConfig { VlanID = 100 }, PciSlotNumber = 160 } } } },
            ["px"] = new() { Metadata = new ObjectMeta { Name = "px" }, Spec = new VMNetworkAttachmentSpec { Network = new VMNetworkConfig { Proxmox = new ProxmoxNetworkConfig { Bridge = "vmbr0", Model = "virtio", VlanTag = 7 } } } },
        };

        var networks = CreatePayloadBuilder.BuildNetworks(vm, attachments)!;

        Assert.Equal(("VM Network", 100, 160), (networks[0].NetworkName, networks[0].Vlan, networks[0].PciSlotNumber));
        Assert.Equal(("vmbr0", "virtio", 7), (networks[1].Bridge, networks[1].Model, networks[1].Vlan));
        Assert.Equal(("c", "", ""), (networks[2].Name, networks[2].NetworkName, networks[2].Bridge));
    }

    public static TheoryData<ProviderType, ImageSource, string> PreparedImages => new()
    {
        { ProviderType.Libvirt, new ImageSource { Libvirt = new LibvirtImageSource { Url = "https://x/u.qcow2" } }, "{\"TemplateName\":\"\",\"Path\":\"/pool/ubuntu.qcow2\",\"URL\":\"\",\"Format\":\"template\",\"Checksum\":\"\",\"ChecksumType\":\"sha256\"}" },
        { ProviderType.VSphere, new ImageSource { VSphere = new VSphereImageSource { OvaURL = "https://x/u.ova" } }, "{\"TemplateName\":\"vm-42\",\"Path\":\"\",\"URL\":\"\",\"Format\":\"template\",\"Checksum\":\"\",\"ChecksumType\":\"sha256\"}" },
        { ProviderType.Proxmox, new ImageSource { Proxmox = new ProxmoxImageSource { TemplateID = 9000 } }, "{\"TemplateName\":\"vm-42\",\"Path\":\"\",\"URL\":\"\",\"Format\":\"template\",\"Checksum\":\"\",\"ChecksumType\":\"sha256\"}" },
        { ProviderType.Mock, new ImageSource { Http = new HTTPImageSource { Url = "https://x/u.img", Checksum = "ab", ChecksumType = ChecksumType.Sha512 } }, "{\"TemplateName\":\"vm-42\",\"Path\":\"/pool/ubuntu.qcow2\",\"URL\":\"\",\"Format\":\"template\",\"Checksum\":\"ab\",\"ChecksumType\":\"sha512\"}" },
    };

    [Theory]
    [MemberData(nameof(PreparedImages))]
    public void BuildImage_PreparedOnProvider_PointsAtPreparedCopy(ProviderType type, ImageSource source, string expected)
    {
        var image = Image(source, new Dictionary<string, ImageProviderStatus> { ["p"] = new() { Available = true, Id = "vm-42", Path = "/pool/ubuntu.qcow2" } });

        Assert.Equal(expected, Provider.Contract.Payloads.ProviderPayloads.SerializeImage(CreatePayloadBuilder.BuildImage(Inputs(Vm(), image, type))));
    }

    [Fact]
    public void BuildImage_ProxmoxTemplateId_DecimalTemplateName() =>
        Assert.Equal("9000", CreatePayloadBuilder.BuildImage(Inputs(Vm(), Image(new ImageSource { Proxmox = new ProxmoxImageSource { TemplateID = 9000, TemplateName = "t" } }), ProviderType.Proxmox)).TemplateName);

    [Theory]
    [InlineData(null, null, "/var/lib/libvirt/images/disk-7.qcow2", "qcow2")]
    [InlineData("/mnt/d.raw", "raw", "/mnt/d.raw", "raw")]
    public void BuildImage_ImportedDisk_PathSynthesizedWhenAbsent(string? path, string? format, string expectedPath, string expectedFormat)
    {
        var vm = Vm(spec => spec with { ImageRef = null, ImportedDisk = new ImportedDiskRef { DiskID = "disk-7", Path = path, Format = format } });

        var image = CreatePayloadBuilder.BuildImage(Inputs(vm, null));

        Assert.Equal((expectedPath, expectedFormat), (image.Path, image.Format));
    }

    [Fact]
    public void BuildClass_ResourcesOverride_AppliedToCreate()
    {
        var vm = Vm(spec => spec with { Resources = new VirtualMachineResources { Cpu = 8, MemoryMiB = 16384 } });

        var payload = CreatePayloadBuilder.BuildClass(Inputs(vm, null));

        Assert.Equal((8, 16384), (payload.Cpu, payload.MemoryMiB));
        Assert.Equal((2, 4096L), CreatePayloadBuilder.DesiredResources(Vm(), Small));
    }

    [Fact]
    public void BuildReconfigureDesired_DesiredClassAndDocuments_UpstreamShape()
    {
        var vm = Vm(spec => spec with { Resources = new VirtualMachineResources { Cpu = 4 } });

        var json = CreatePayloadBuilder.BuildReconfigureDesired(Inputs(vm, Image(new ImageSource { Libvirt = new LibvirtImageSource { Path = "/i.qcow2" } })));
        var parsed = Provider.Contract.Payloads.ProviderPayloads.ParseReconfigureDesired(json)!;

        Assert.StartsWith("{\"Name\":\"web-1\",\"Class\":{\"CPU\":4,\"MemoryMiB\":4096,", json, StringComparison.Ordinal);
        Assert.Equal("/i.qcow2", parsed.Image.Path);
        Assert.Equal("", parsed.UserData!.Type);
    }

    [Fact]
    public void BuildReconfigureDesired_Plan_RootDiskAndDiskSizesFromThePlan()
    {
        var vm = Vm(spec => spec with { Disks = [new DiskSpec { Name = "data", SizeGiB = 5 }, new DiskSpec { Name = "logs", SizeGiB = 8 }] });
        var plan = new ReconfigurePlan { Changes = ["disk logs 4 → 8 GiB"], PrimaryDiskSizeGiB = 0, DiskSizesGiB = new Dictionary<string, int> { ["data"] = 20, ["logs"] = 8 } };

        var json = CreatePayloadBuilder.BuildReconfigureDesired(Inputs(vm, Image(new ImageSource { Libvirt = new LibvirtImageSource { Path = "/i.qcow2" } })), plan);
        var parsed = Provider.Contract.Payloads.ProviderPayloads.ParseReconfigureDesired(json)!;

        Assert.Equal(0, parsed.Class.DiskDefaults!.SizeGiB);
        Assert.Equal(new[] { ("data", 20), ("logs", 8) }, parsed.Disks!.Select(d => (d.Name, d.SizeGiB)));
    }
}
