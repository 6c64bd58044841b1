using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VirtualMachineValidationTests
{
    private static VirtualMachineSpec ValidSpec() => new()
    {
        ProviderRef = new ObjectRef { Name = "vsphere-prod" },
        ClassRef = new ObjectRef { Name = "small" },
        ImageRef = new ObjectRef { Name = "ubuntu-24-04" },
    };

    private static FieldErrorList Validate(VirtualMachineSpec spec, IReadOnlyDictionary<string, string>? labels = null)
    {
        var vm = new V1Beta1.VirtualMachine
        {
            Metadata = new ObjectMeta { Name = "web-01", Namespace = "prod", Labels = labels },
            Spec = spec,
        };
        var errors = new FieldErrorList();
        VirtualMachineValidation.Validate(vm, errors);
        return errors;
    }


    private static VirtualMachineSpec WithNetworks(params VMNetworkRef[] networks) => ValidSpec() with { Networks = networks };

    private static VMNetworkRef Nic(string name = "eth0") => new() { Name = name, NetworkRef = new ObjectRef { Name = "app-net" } };

    [Fact]
    public void Validate_ImageRefOnly_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec()));
    }

    [Fact]
    public void Validate_ImportedDiskOnly_NoErrors()
    {
        var spec = ValidSpec() with { ImageRef = null, ImportedDisk = new ImportedDiskRef { DiskID = "disk-42" } };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_ImageRefAndImportedDisk_ForbiddenOnImageRef()
    {
        var errors = Validate(ValidSpec() with { ImportedDisk = new ImportedDiskRef { DiskID = "disk-42" } });

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.imageRef");
        Assert.Equal("spec.imageRef: Forbidden: may not be set together with spec.importedDisk", errors[0].ToString());
    }

    [Fact]
    public void Validate_NeitherImageRefNorImportedDisk_RequiredOnImageRef()
    {
        var errors = Validate(ValidSpec() with { ImageRef = null });

        FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.imageRef");
        Assert.StartsWith("spec.imageRef: Required value: one of spec.imageRef or spec.importedDisk is required", errors[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", 0)]
    [InlineData("false", 1)]
    public void Validate_NoBootSourceWithAdoptedLabel_OnlyAdoptedVmsMayHaveNeither(string label, int expectedErrors)
    {
        var labels = new Dictionary<string, string> { [VirtualMachineValidation.AdoptedLabel] = label };

        var errors = Validate(ValidSpec() with { ImageRef = null }, labels);

        Assert.Equal(expectedErrors, errors.Count);
    }

    [Fact]
    public void ValidateSpec_NestedPath_ErrorsUseThatPath()
    {
        var errors = new FieldErrorList();

        VirtualMachineValidation.ValidateSpec(
            ValidSpec() with { ImageRef = null }, FieldPath.NewPath("spec", "template", "spec"), "prod", requireBootSource: true, errors);

        FieldErrorAssert.Single(errors, FieldErrorType.Required, "spec.template.spec.imageRef");
    }

    [Fact]
    public void Validate_DuplicateNetworkName_DuplicateOnSecond()
    {
        var errors = Validate(WithNetworks(Nic("eth0"), Nic("eth1"), Nic("eth0")));

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.networks[2].name");
        Assert.Equal("spec.networks[2].name: Duplicate value: \"eth0\"", errors[0].ToString());
    }

    [Fact]
    public void Validate_DuplicateDiskName_DuplicateOnSecond()
    {
        var spec = ValidSpec() with
        {
            Disks = [new DiskSpec { Name = "data", SizeGiB = 10 }, new DiskSpec { Name = "data", SizeGiB = 20 }],
        };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.disks[1].name");
        Assert.Equal("spec.disks[1].name: Duplicate value: \"data\"", errors[0].ToString());
    }

    [Theory]
    [InlineData(null, "prod", false)]
    [InlineData("prod", "prod", false)]
    [InlineData("shared", "prod", true)]
    [InlineData("shared", null, false)]
    public void Validate_NetworkRefNamespace_MustBeTheVmNamespace(string? refNamespace, string? vmNamespace, bool invalid)
    {
        var spec = WithNetworks(Nic() with { NetworkRef = new ObjectRef { Name = "app-net", Namespace = refNamespace } });
        var errors = new FieldErrorList();

        VirtualMachineValidation.ValidateSpec(spec, FieldPath.NewPath("spec"), vmNamespace, requireBootSource: true, errors);

        if (invalid)
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.networks[0].networkRef.namespace");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Theory]
    [InlineData(24, null)]
    [InlineData(null, "10.0.0.1")]
    public void Validate_StaticIPWithoutPrefixOrGateway_NoErrors(int? prefix, string? gateway)
    {
        var errors = Validate(WithNetworks(Nic() with { IpAddress = "10.0.0.10", Prefix = prefix, Gateway = gateway }));

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_FullStaticIP_NoErrors()
    {
        var nic = Nic() with { IpAddress = "192.168.10.20", Prefix = 24, Gateway = "192.168.10.1", Dns = "192.168.10.2, 1.1.1.1" };

        Assert.Empty(Validate(WithNetworks(nic)));
    }

    [Fact]
    public void Validate_PrefixWithoutIpAddress_ForbiddenOnPrefix()
    {
        var errors = Validate(WithNetworks(Nic() with { Prefix = 24 }));

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.networks[0].prefix");
        Assert.Equal("spec.networks[0].prefix: Forbidden: may only be set together with spec.networks[0].ipAddress", errors[0].ToString());
    }

    [Fact]
    public void Validate_GatewayWithoutIpAddress_ForbiddenOnGateway()
    {
        var errors = Validate(WithNetworks(Nic() with { Gateway = "10.0.0.1" }));

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.networks[0].gateway");
    }

    [Theory]
    [InlineData("10.0.0.0", 24, null, "spec.networks[0].ipAddress")] // network address
    [InlineData("10.0.0.255", 24, null, "spec.networks[0].ipAddress")] // broadcast address
    [InlineData("10.0.0.10", 24, "10.0.1.1", "spec.networks[0].gateway")] // gateway off-subnet
    [InlineData("10.0.0.10", 24, "10.0.0.10", "spec.networks[0].gateway")] // gateway is the address itself
    [InlineData("10.0.0.10", null, "10.0.0.10", "spec.networks[0].gateway")]
    [InlineData("10.0.0.10", 24, "10.0.0.255", "spec.networks[0].gateway")] // gateway is the broadcast address
    public void Validate_InconsistentStaticIP_Invalid(string ip, int? prefix, string? gateway, string field)
    {
        var errors = Validate(WithNetworks(Nic() with { IpAddress = ip, Prefix = prefix, Gateway = gateway }));

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, field);
    }

    [Theory]
    [InlineData("203.0.113.7", 32, "172.31.1.1")] // on-link gateway with a /32, as some clouds hand out
    [InlineData("10.0.0.0", 31, "10.0.0.1")] // RFC 3021 point-to-point link
    public void Validate_PointToPointPrefix_GatewayMayBeOffSubnet(string ip, int prefix, string gateway)
    {
        Assert.Empty(Validate(WithNetworks(Nic() with { IpAddress = ip, Prefix = prefix, Gateway = gateway })));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("8.8.8.8,1.1.1.1,", true)]
    [InlineData("2001:4860:4860::8888, 8.8.4.4", true)]
    [InlineData("dns.example.com", false)]
    [InlineData("8.8.8.8;1.1.1.1", false)]
    [InlineData("10.0.1", false)]
    public void Validate_Dns_MustBeCommaSeparatedIPs(string dns, bool valid)
    {
        var errors = Validate(WithNetworks(Nic() with { Dns = dns }));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.networks[0].dns");
        }
    }

    [Fact]
    public void Validate_SameMacOnTwoNics_DuplicateIgnoringCaseAndSeparator()
    {
        var errors = Validate(WithNetworks(
            Nic("eth0") with { MacAddress = "00:50:56:AB:CD:EF" },
            Nic("eth1") with { MacAddress = "00-50-56-ab-cd-ef" }));

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.networks[1].macAddress");
    }

    [Theory]
    [InlineData("00:50:56:ab:cd:ef", true)]
    [InlineData("02:00:00:00:00:01", true)] // locally administered unicast
    [InlineData("01:00:5e:00:00:fb", false)] // IPv4 multicast
    [InlineData("ff:ff:ff:ff:ff:ff", false)] // broadcast
    public void Validate_MacAddress_MustBeUnicast(string mac, bool valid)
    {
        var errors = Validate(WithNetworks(Nic() with { MacAddress = mac }));

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.networks[0].macAddress");
        }
    }

    [Fact]
    public void Validate_CloudInitInlineAndSecret_AllowedBecauseTheyAreMerged()
    {
        var cloudInit = new CloudInitConfig { Inline = "#cloud-config\n", SecretRef = new LocalObjectReference { Name = "web-userdata" } };
        var spec = ValidSpec() with
        {
            UserData = new UserData { CloudInit = cloudInit },
            MetaData = new MetaData { CloudInit = cloudInit },
        };

        Assert.Empty(Validate(spec));
    }

    [Fact]
    public void Validate_IgnitionInlineAndSecret_ForbiddenOnSecretRef()
    {
        var spec = ValidSpec() with
        {
            UserData = new UserData
            {
                Ignition = new IgnitionConfig { Inline = "{\"ignition\":{\"version\":\"3.4.0\"}}", SecretRef = new LocalObjectReference { Name = "ign" } },
            },
        };

        var errors = Validate(spec);

        FieldErrorAssert.Single(errors, FieldErrorType.Forbidden, "spec.userData.ignition.secretRef");
        Assert.Equal("spec.userData.ignition.secretRef: Forbidden: may not be set together with spec.userData.ignition.inline", errors[0].ToString());
    }

    private static LifecycleHandler Handler(string actions) => new()
    {
        Exec = actions.Contains("exec", StringComparison.Ordinal) ? new LifecycleExecAction { Command = ["/bin/sync"] } : null,
        HttpGet = actions.Contains("httpGet", StringComparison.Ordinal) ? new LifecycleHttpGetAction { Port = 8080 } : null,
        Snapshot = actions.Contains("snapshot", StringComparison.Ordinal) ? new LifecycleSnapshotAction { Name = "pre-stop" } : null,
    };

    [Theory]
    [InlineData("exec", null)]
    [InlineData("httpGet", null)]
    [InlineData("snapshot", null)]
    [InlineData("", FieldErrorType.Required)]
    [InlineData("exec,snapshot", FieldErrorType.Forbidden)]
    [InlineData("exec,httpGet,snapshot", FieldErrorType.Forbidden)]
    public void Validate_LifecycleHandler_ExactlyOneAction(string actions, FieldErrorType? expected)
    {
        var errors = Validate(ValidSpec() with { Lifecycle = new VirtualMachineLifecycle { PostStart = Handler(actions) } });

        if (expected is { } type)
        {
            FieldErrorAssert.Single(errors, type, "spec.lifecycle.postStart");
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    [Theory]
    [InlineData("90s", true)]
    [InlineData("0", true)]
    [InlineData("-1m", false)]
    public void Validate_GracefulShutdownTimeout_MustNotBeNegative(string timeout, bool valid)
    {
        var lifecycle = new VirtualMachineLifecycle { GracefulShutdownTimeout = Duration.Parse(timeout) };

        var errors = Validate(ValidSpec() with { Lifecycle = lifecycle });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.lifecycle.gracefulShutdownTimeout");
        }
    }
}
