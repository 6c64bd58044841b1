using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Provider.Contract.Payloads;

namespace VirtRigaud.Provider.Contract.Tests.Payloads;

public sealed class ProviderPayloadsRoundTripTests
{
    [Fact]
    public void Class_SerializeThenParse_SameValue()
    {
        var payload = new ClassPayload
        {
            Cpu = 8,
            MemoryMiB = 16384,
            Firmware = "UEFI",
            DiskDefaults = new DiskDefaultsPayload { Type = "thick", SizeGiB = 80 },
            ExtraConfig = new Dictionary<string, string> { ["vsphere.hardwareVersion"] = "21" },
            ResourceLimits = new ResourceLimitsPayload { CpuShares = 2000 },
        };

        var parsed = ProviderPayloads.ParseClass(ProviderPayloads.SerializeClass(payload))!;

        Assert.Equal(payload with { ExtraConfig = null }, parsed with { ExtraConfig = null });
        Assert.Equal("21", parsed.ExtraConfig!["vsphere.hardwareVersion"]);
    }

    [Fact]
    public void Desired_SerializeThenParse_SameShape()
    {
        var payload = new ReconfigureDesiredPayload
        {
            Name = "vm",
            Class = new ClassPayload { Cpu = 2, MemoryMiB = 2048 },
            Networks = [new NetworkAttachmentPayload { Name = "n", PciSlotNumber = 160 }],
            Placement = new PlacementPayload { Datastore = "ds" },
            Tags = ["a", "b"],
        };

        var json = ProviderPayloads.SerializeReconfigureDesired(payload);
        var parsed = ProviderPayloads.ParseReconfigureDesired(json)!;

        Assert.Equal(json, ProviderPayloads.SerializeReconfigureDesired(parsed));
        Assert.Equal(160, parsed.Networks![0].PciSlotNumber);
    }

    [Fact]
    public void StorageOptions_SerializeThenParse_SameValue()
    {
        var payload = new StorageOptionsPayload { Backend = "nfs", Server = "s", Export = "/e", Uid = 0, Gid = 1000 };

        Assert.Equal(payload, ProviderPayloads.ParseStorageOptions(ProviderPayloads.SerializeStorageOptions(payload)));
    }

    [Fact]
    public void ParseClass_GoStyleInput_CaseInsensitiveUnknownIgnoredNullStringZero()
    {
        // Go's Unmarshal matches names case-insensitively, ignores unknown keys and leaves zero values for null.
        var parsed = ProviderPayloads.ParseClass("""{"cpu":2,"MEMORYMIB":1024,"Firmware":null,"Unknown":{"x":1}}""")!;

        Assert.Equal(2, parsed.Cpu);
        Assert.Equal(1024, parsed.MemoryMiB);
        Assert.Equal("", parsed.Firmware);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_EmptyField_Null(string? json)
    {
        Assert.Null(ProviderPayloads.ParseClass(json));
        Assert.Null(ProviderPayloads.ParseImage(json));
        Assert.Null(ProviderPayloads.ParseNetworks(json));
        Assert.Null(ProviderPayloads.ParseDisks(json));
        Assert.Null(ProviderPayloads.ParsePlacement(json));
        Assert.Null(ProviderPayloads.ParseReconfigureDesired(json));
        Assert.Null(ProviderPayloads.ParseStorageOptions(json));
        Assert.Null(ProviderPayloads.ParseCloneClass(json));
        Assert.Null(ProviderPayloads.ParseClonePlacement(json));
        Assert.Null(ProviderPayloads.ParseCustomization(json));
        Assert.Null(ProviderPayloads.ParseImageSpec(json));
    }

    [Theory]
    [InlineData("""{"CPU":"two"}""")]
    [InlineData("""{"CPU":2147483648}""")]
    [InlineData("""{"CPU":1.5}""")]
    [InlineData("""{"CPU":2""")]
    public void ParseClass_Invalid_PayloadExceptionNamingTheField(string json)
    {
        var error = Assert.Throws<ProviderPayloadException>(() => ProviderPayloads.ParseClass(json));

        Assert.Equal("class_json", error.Field);
        Assert.StartsWith("class_json: not a valid ClassPayload payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCustomization_Invalid_MessageDoesNotEchoTheValue()
    {
        var error = Assert.Throws<ProviderPayloadException>(() =>
            ProviderPayloads.ParseCustomization("""{"sysprep":{"adminPassword":{"value":12345678}}}"""));

        Assert.Equal("customize_json", error.Field);
        Assert.DoesNotContain("12345678", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CloneCrdPayloads_SerializeThenParse_SameSpec()
    {
        var customization = ProviderPayloads.ParseCustomization(
            """{"hostname":"h","networks":[{"name":"eth0","dns":["1.1.1.1","8.8.8.8"]}],"tags":["x"]}""")!;
        var image = ProviderPayloads.ParseImageSpec("""{"source":{"vsphere":{"templateName":"t","contentLibrary":{"library":"l","item":"i"}}}}""")!;

        var customizationAgain = ProviderPayloads.ParseCustomization(ProviderPayloads.SerializeCustomization(customization))!;
        var imageAgain = ProviderPayloads.ParseImageSpec(ProviderPayloads.SerializeImageSpec(image))!;

        Assert.Equal(["1.1.1.1", "8.8.8.8"], customizationAgain.Networks![0].Dns!);
        Assert.Equal("h", customizationAgain.Hostname);
        Assert.Equal("i", imageAgain.Source.VSphere!.ContentLibrary!.Item);
        Assert.Equal("spread", ProviderPayloads.ParseClonePlacement(ProviderPayloads.SerializeClonePlacement("spread"))!.Name);
    }

    [Fact]
    public void ClassFromSpec_FullClass_UpstreamConversion()
    {
        var spec = new VMClassSpec
        {
            Cpu = 4,
            Memory = Quantity.Parse("6Gi"),
            Firmware = FirmwareType.UEFI,
            DiskDefaults = new DiskDefaults { Type = DiskType.EagerZeroedThick, Size = Quantity.Parse("100Gi") },
            GuestToolsPolicy = GuestToolsPolicy.Skip,
            ExtraConfig = new Dictionary<string, string> { ["k"] = "v" },
            PerformanceProfile = new PerformanceProfile { NestedVirtualization = true },
            SecurityProfile = new SecurityProfile
            {
                SecureBoot = true,
                TpmVersion = "2.0",
                EncryptionPolicy = new EncryptionPolicy { Enabled = true, KeyProvider = "standard" },
            },
            ResourceLimits = new ResourceLimits { CpuLimit = 3000, MemoryLimit = Quantity.Parse("8Gi"), MemoryReservation = Quantity.Parse("8Ei") },
        };

        var payload = ProviderPayloads.ClassFromSpec(spec);

        Assert.Equal(
            """{"CPU":4,"MemoryMiB":6144,"Firmware":"UEFI","DiskDefaults":{"Type":"eagerzeroedthick","SizeGiB":100},"GuestToolsPolicy":"skip","ExtraConfig":{"k":"v"},"PerformanceProfile":{"LatencySensitivity":"","CPUHotAddEnabled":false,"MemoryHotAddEnabled":false,"VirtualizationBasedSecurity":false,"NestedVirtualization":true,"HyperThreadingPolicy":""},"SecurityProfile":{"SecureBoot":true,"TPMEnabled":false,"TPMVersion":"2.0","VTDEnabled":false,"EncryptionEnabled":true,"KeyProvider":"standard","RequireEncryption":false},"ResourceLimits":{"CPULimit":3000,"CPUReservation":null,"MemoryLimitMiB":8192,"MemoryReservationMiB":2147483647,"CPUShares":null}}""",
            ProviderPayloads.SerializeClass(payload));
    }

    [Fact]
    public void ClassFromSpec_MinimalClass_NilSubStructs()
    {
        var payload = ProviderPayloads.ClassFromSpec(new VMClassSpec { Cpu = 1, Memory = Quantity.Parse("1536Mi") });

        Assert.Equal(
            """{"CPU":1,"MemoryMiB":1536,"Firmware":"","DiskDefaults":null,"GuestToolsPolicy":"","ExtraConfig":null,"PerformanceProfile":null,"SecurityProfile":null,"ResourceLimits":null}""",
            ProviderPayloads.SerializeClass(payload));
    }
}
