using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorCreateTests
{
    [Fact]
    public async Task Create_SameNameTwice_ReturnsTheSameVmWithoutTask()
    {
        await using var h = await HypervisorHarness.StartAsync();

        var first = h.CreateVm("web-1");
        var second = h.Hypervisor.Create(new VmCreateSpec { Name = "web-1", Cpu = 8, MemoryMiB = 8192 });

        Assert.Equal(first.VmId, second.VmId);
        Assert.Null(second.TaskId);
        Assert.Single(h.Hypervisor.ListVms());
        Assert.Equal(2, h.Hypervisor.Describe(first.VmId)!.Cpu);
    }

    [Fact]
    public async Task Create_NewVm_IsOffWithPrimaryDiskAndDeterministicNic()
    {
        await using var a = await HypervisorHarness.StartAsync();
        await using var b = await HypervisorHarness.StartAsync();

        var vm = a.Hypervisor.Describe(a.CreateVm("db-1", diskSizeGiB: 20).VmId)!;
        var again = b.Hypervisor.Describe(b.CreateVm("db-1").VmId)!;

        Assert.Equal("Off", vm.PowerState);
        Assert.Empty(vm.IpAddresses);
        Assert.Equal("", vm.ConsoleUrl);
        var disk = Assert.Single(vm.Disks);
        Assert.Equal(("disk-0", 20, "qcow2"), (disk.Id, disk.SizeGiB, disk.Format));
        var nic = Assert.Single(vm.Networks);
        Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", nic.MacAddress);
        Assert.Equal(nic.MacAddress, Assert.Single(again.Networks).MacAddress);
    }

    [Fact]
    public async Task Create_TwoVmsOnOneNetwork_GetDistinctAddressesStableAcrossRuns()
    {
        await using var a = await HypervisorHarness.StartAsync();
        await using var b = await HypervisorHarness.StartAsync();
        string[] Addresses(HypervisorHarness h)
        {
            var ids = new[] { h.CreateVm("a").VmId, h.CreateVm("b").VmId, h.CreateVm("c").VmId };
            foreach (var id in ids)
            {
                h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
            }

            return [.. ids.Select(id => Assert.Single(h.Hypervisor.Describe(id)!.IpAddresses))];
        }

        var first = Addresses(a);
        var second = Addresses(b);

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, second);
        Assert.All(first, ip => Assert.StartsWith("10.", ip, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_StaticIpAndMac_AreUsed()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.Hypervisor.Create(new VmCreateSpec
        {
            Name = "static",
            Cpu = 1,
            MemoryMiB = 512,
            Networks = [new NicRequest { Name = "lan", StaticIp = "192.168.10.5", MacAddress = "AA:BB:CC:DD:EE:FF" }],
        }).VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        var vm = h.Hypervisor.Describe(id)!;

        Assert.Equal(["192.168.10.5"], vm.IpAddresses);
        Assert.Equal("aa:bb:cc:dd:ee:ff", vm.Networks[0].MacAddress);
    }

    public static TheoryData<string, VmCreateSpec> InvalidSpecs => new()
    {
        { "empty name", new VmCreateSpec { Name = "", Cpu = 1, MemoryMiB = 1 } },
        { "path in name", new VmCreateSpec { Name = "../etc", Cpu = 1, MemoryMiB = 1 } },
        { "no CPU", new VmCreateSpec { Name = "x", Cpu = 0, MemoryMiB = 1 } },
        { "no memory", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 0 } },
        { "unknown disk type", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, DiskType = "floppy" } },
        { "zero-size disk", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Disks = [new DiskRequest { Name = "data", SizeGiB = 0 }] } },
        { "repeated disk", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Disks = [new DiskRequest { Name = "d", SizeGiB = 1 }, new DiskRequest { Name = "d", SizeGiB = 1 }] } },
        { "unknown NIC model", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Networks = [new NicRequest { Name = "n", Model = "ne2000" }] } },
        { "bad static IP", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Networks = [new NicRequest { Name = "n", StaticIp = "10.0.0.300" }] } },
        { "bad MAC", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Networks = [new NicRequest { Name = "n", MacAddress = "52:54:00:zz:00:01" }] } },
        { "repeated NIC", new VmCreateSpec { Name = "x", Cpu = 1, MemoryMiB = 1, Networks = [new NicRequest { Name = "n" }, new NicRequest { Name = "n" }] } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task Create_InvalidSpec_IsInvalidArgument(string why, VmCreateSpec spec)
    {
        await using var h = await HypervisorHarness.StartAsync();

        ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.Create(spec));
        Assert.True(h.Hypervisor.ListVms().Count == 0, why);
    }

    [Fact]
    public async Task Create_BeyondCapacity_IsResourceExhausted()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { MaxVms = 2 });
        h.CreateVm("a");
        h.CreateVm("b");

        ProviderAssert.Fails(StatusCode.ResourceExhausted, () => h.CreateVm("c"));
        Assert.Equal(h.CreateVm("a").VmId, h.Hypervisor.FindVmId("a"));
    }

    [Theory]
    [InlineData("", "", "https://images.example/u.qcow2", StatusCode.FailedPrecondition)]
    [InlineData("", "/var/lib/images/none.qcow2", "", StatusCode.NotFound)]
    [InlineData("no-such-template", "", "", StatusCode.NotFound)]
    public async Task Create_ImageNotOnProvider_IsRefused(string template, string path, string url, StatusCode code)
    {
        await using var h = await HypervisorHarness.StartAsync();

        ProviderAssert.Fails(code, () => h.Hypervisor.Create(new VmCreateSpec
        {
            Name = "x",
            Cpu = 1,
            MemoryMiB = 512,
            Image = new ImageReference { TemplateName = template, Path = path, Url = url },
        }));
    }

    [Fact]
    public async Task Create_FromTemplate_TakesTheTemplateSizeAndContent()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Templates = ["ubuntu-22.04"], TemplateSizeGiB = 8 });

        var id = h.Hypervisor.Create(new VmCreateSpec { Name = "t", Cpu = 1, MemoryMiB = 512, Image = new ImageReference { TemplateName = "ubuntu-22.04" } }).VmId;
        var other = h.Hypervisor.Create(new VmCreateSpec { Name = "u", Cpu = 1, MemoryMiB = 512, Image = new ImageReference { TemplateName = "ubuntu-22.04" }, DiskSizeGiB = 30 }).VmId;

        Assert.Equal(8, h.Hypervisor.Describe(id)!.Disks[0].SizeGiB);
        Assert.Equal(30, h.Hypervisor.Describe(other)!.Disks[0].SizeGiB);
        Assert.Equal(h.Hypervisor.GetDiskInfo(id, "", "").Metadata["contentId"], h.Hypervisor.GetDiskInfo(other, "", "").Metadata["contentId"]);
    }

    [Fact]
    public async Task ListVms_ManyVms_AreInCreationOrder()
    {
        await using var h = await HypervisorHarness.StartAsync();
        for (var i = 0; i < 12; i++)
        {
            h.CreateVm($"vm{i}");
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"vm-{n}"), h.Hypervisor.ListVms().Select(v => v.Id));
    }

    [Fact]
    public async Task Delete_MissingVm_IsOkWithoutTask()
    {
        await using var h = await HypervisorHarness.StartAsync();

        Assert.Null(h.Hypervisor.Delete("vm-404"));
    }

    [Fact]
    public async Task Delete_ExistingVm_RemovesItAndFreesItsName()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var first = h.CreateVm("gone").VmId;

        Assert.Null(h.Hypervisor.Delete(first));
        var second = h.CreateVm("gone").VmId;

        Assert.Null(h.Hypervisor.Describe(first));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Create_WithTaskDuration_ReturnsTaskAndRepeatJoinsIt()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(10) });

        var created = h.CreateVm("slow");
        var repeat = h.CreateVm("slow");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var afterwards = h.CreateVm("slow");

        Assert.NotNull(created.TaskId);
        Assert.Equal(created.TaskId, repeat.TaskId);
        Assert.Null(afterwards.TaskId);
        Assert.True(h.Hypervisor.GetTask(created.TaskId!).Done);
    }

    [Fact]
    public async Task Validate_Started_IsOk()
    {
        await using var h = await HypervisorHarness.StartAsync();

        var report = h.Hypervisor.Validate();

        Assert.True(report.Ok, report.Message);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_Throws()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("virtrigaud-mock-test-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => HypervisorHarness.StartAsync(
                o => o with { MigrationStorageRoot = "relative", OperationDurations = new Dictionary<string, TimeSpan> { ["Teleport"] = TimeSpan.Zero } },
                directory));

            Assert.Contains("absolute", e.Message, StringComparison.Ordinal);
            Assert.Contains("Teleport", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
