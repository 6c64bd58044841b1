using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Contract.Tests.Payloads;

/// <summary>
/// The exact bytes an upstream Go manager writes for the PascalCase contracts (no json tags: Go field names, every
/// field written, nil pointers/maps/slices as null, map keys sorted, HTML-safe escaping).
/// </summary>
public sealed class PascalCasePayloadGoldenTests
{
    [Fact]
    public void SerializeClass_Full_GoBytes()
    {
        var payload = new ClassPayload
        {
            Cpu = 2,
            MemoryMiB = 4096,
            Firmware = "UEFI",
            DiskDefaults = new DiskDefaultsPayload { Type = "thin", SizeGiB = 40 },
            GuestToolsPolicy = "install",
            ExtraConfig = new Dictionary<string, string> { ["z.key"] = "1", ["a.key"] = "<b>&", ["M"] = "x" },
            PerformanceProfile = new PerformanceProfilePayload { LatencySensitivity = "high", CpuHotAddEnabled = true },
            SecurityProfile = new SecurityProfilePayload { SecureBoot = true, TpmEnabled = true, TpmVersion = "2.0", KeyProvider = "standard" },
            ResourceLimits = new ResourceLimitsPayload { CpuLimit = 2000, MemoryReservationMiB = 0 },
        };

        Assert.Equal(
            """{"CPU":2,"MemoryMiB":4096,"Firmware":"UEFI","DiskDefaults":{"Type":"thin","SizeGiB":40},"GuestToolsPolicy":"install","ExtraConfig":{"M":"x","a.key":"\u003cb\u003e\u0026","z.key":"1"},"PerformanceProfile":{"LatencySensitivity":"high","CPUHotAddEnabled":true,"MemoryHotAddEnabled":false,"VirtualizationBasedSecurity":false,"NestedVirtualization":false,"HyperThreadingPolicy":""},"SecurityProfile":{"SecureBoot":true,"TPMEnabled":true,"TPMVersion":"2.0","VTDEnabled":false,"EncryptionEnabled":false,"KeyProvider":"standard","RequireEncryption":false},"ResourceLimits":{"CPULimit":2000,"CPUReservation":null,"MemoryLimitMiB":null,"MemoryReservationMiB":0,"CPUShares":null}}""",
            ProviderPayloads.SerializeClass(payload));
    }

    [Fact]
    public void SerializeClass_ZeroValue_EveryFieldWrittenNilsAsNull()
    {
        Assert.Equal(
            """{"CPU":0,"MemoryMiB":0,"Firmware":"","DiskDefaults":null,"GuestToolsPolicy":"","ExtraConfig":null,"PerformanceProfile":null,"SecurityProfile":null,"ResourceLimits":null}""",
            ProviderPayloads.SerializeClass(new ClassPayload()));
    }

    [Fact]
    public void SerializeClass_EmptyMap_BracesNotNull()
    {
        var json = ProviderPayloads.SerializeClass(new ClassPayload { ExtraConfig = new Dictionary<string, string>() });

        Assert.Contains("\"ExtraConfig\":{},", json, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeImage_Template_GoBytes()
    {
        var payload = new ImagePayload { TemplateName = "ubuntu-22.04", Format = "template", ChecksumType = "sha256" };

        Assert.Equal(
            """{"TemplateName":"ubuntu-22.04","Path":"","URL":"","Format":"template","Checksum":"","ChecksumType":"sha256"}""",
            ProviderPayloads.SerializeImage(payload));
    }

    [Fact]
    public void SerializeNetworks_OneStatic_GoBytes()
    {
        NetworkAttachmentPayload[] networks =
        [
            new()
            {
                Name = "net0",
                NetworkName = "VM Network",
                StaticIp = "10.0.0.5",
                Prefix = 24,
                Gateway = "10.0.0.1",
                Dns = "1.1.1.1,8.8.8.8",
            },
            new() { Name = "net1", Bridge = "br0", Vlan = 100, Model = "virtio", PciSlotNumber = 192 },
        ];

        Assert.Equal(
            """[{"Name":"net0","Portgroup":"","NetworkName":"VM Network","Bridge":"","VLAN":0,"Model":"","MacAddress":"","IPPolicy":"","StaticIP":"10.0.0.5","Prefix":24,"Gateway":"10.0.0.1","DNS":"1.1.1.1,8.8.8.8","PCISlotNumber":null},{"Name":"net1","Portgroup":"","NetworkName":"","Bridge":"br0","VLAN":100,"Model":"virtio","MacAddress":"","IPPolicy":"","StaticIP":"","Prefix":0,"Gateway":"","DNS":"","PCISlotNumber":192}]""",
            ProviderPayloads.SerializeNetworks(networks));
    }

    [Fact]
    public void SerializeNetworks_NilAndEmpty_NullAndBrackets()
    {
        Assert.Equal("null", ProviderPayloads.SerializeNetworks(null));
        Assert.Equal("[]", ProviderPayloads.SerializeNetworks([]));
        Assert.Equal("null", ProviderPayloads.SerializeDisks(null));
    }

    [Fact]
    public void SerializeDisks_Two_GoBytes()
    {
        Assert.Equal(
            """[{"SizeGiB":100,"Type":"thin","Name":"data"},{"SizeGiB":1,"Type":"","Name":"scratch"}]""",
            ProviderPayloads.SerializeDisks([new DiskPayload { SizeGiB = 100, Type = "thin", Name = "data" }, new DiskPayload { SizeGiB = 1, Name = "scratch" }]));
    }

    [Fact]
    public void SerializePlacement_ValueOrNone_GoBytesOrEmptyField()
    {
        Assert.Equal(
            """{"Datastore":"ds1","StoragePod":"","Cluster":"c1","Folder":"vms/prod","Host":""}""",
            ProviderPayloads.SerializePlacement(new PlacementPayload { Datastore = "ds1", Cluster = "c1", Folder = "vms/prod" }));
        Assert.Equal("", ProviderPayloads.SerializePlacement(null));
    }

    [Fact]
    public void SerializeReconfigureDesired_Typical_GoBytes()
    {
        var payload = new ReconfigureDesiredPayload
        {
            Name = "web-1",
            Class = new ClassPayload { Cpu = 4, MemoryMiB = 8192, Firmware = "BIOS", ExtraConfig = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } },
            Image = new ImagePayload { Path = "/var/lib/libvirt/images/u.qcow2", Format = "qcow2", ChecksumType = "sha256" },
            Disks = [],
            UserData = new UserDataPayload { CloudInitData = "#cloud-config\nusers: []\n" },
            Tags = ["prod"],
        };

        Assert.Equal(
            """{"Name":"web-1","Class":{"CPU":4,"MemoryMiB":8192,"Firmware":"BIOS","DiskDefaults":null,"GuestToolsPolicy":"","ExtraConfig":{"a":"1","b":"2"},"PerformanceProfile":null,"SecurityProfile":null,"ResourceLimits":null},"Image":{"TemplateName":"","Path":"/var/lib/libvirt/images/u.qcow2","URL":"","Format":"qcow2","Checksum":"","ChecksumType":"sha256"},"Networks":null,"Disks":[],"UserData":{"CloudInitData":"#cloud-config\nusers: []\n","Type":""},"MetaData":null,"Placement":null,"Tags":["prod"]}""",
            ProviderPayloads.SerializeReconfigureDesired(payload));
    }

    [Fact]
    public void SerializeStorageOptions_S3_OmitEmptyButUsePathStyle()
    {
        var s3 = new StorageOptionsPayload
        {
            Backend = "s3",
            Bucket = "migrations",
            Endpoint = "http://rgw:7480",
            Region = "us-east-1",
            Prefix = "",
            UsePathStyle = true,
        };

        Assert.Equal(
            """{"backend":"s3","bucket":"migrations","endpoint":"http://rgw:7480","region":"us-east-1","usePathStyle":true}""",
            ProviderPayloads.SerializeStorageOptions(s3));
    }

    [Fact]
    public void SerializeStorageOptions_Nfs_UsePathStyleFalseAndZeroGidWritten()
    {
        var nfs = new StorageOptionsPayload { Backend = "nfs", Server = "10.0.0.2", Export = "/exports", Path = "mig", Uid = 1000, Gid = 0 };

        Assert.Equal(
            """{"backend":"nfs","usePathStyle":false,"server":"10.0.0.2","export":"/exports","path":"mig","uid":1000,"gid":0}""",
            ProviderPayloads.SerializeStorageOptions(nfs));
        Assert.Equal("", ProviderPayloads.SerializeStorageOptions(null));
    }

    [Fact]
    public void SerializeClonePlacement_NameOrNone_GoBytes()
    {
        Assert.Equal("""{"name":"spread-zones"}""", ProviderPayloads.SerializeClonePlacement("spread-zones"));
        Assert.Equal("", ProviderPayloads.SerializeClonePlacement(null));
    }
}
