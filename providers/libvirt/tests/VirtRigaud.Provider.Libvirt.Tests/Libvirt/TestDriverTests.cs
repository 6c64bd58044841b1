using VirtRigaud.Grpc;
using VirtRigaud.Provider.Libvirt.Libvirt;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Tests.Libvirt;

/// <summary>
/// Fast cases against libvirt's own mock driver (<c>test:///default</c>, real virsh and libvirt parsing, no daemon).
/// Every virsh run gets a fresh driver state with one running domain named "test".
/// </summary>
public sealed class TestDriverTests : IAsyncLifetime
{
    private readonly LocalCommandRunner _runner = new(4);
    private VirshClient Virsh => new(_runner, "test:///default");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact]
    public async Task StateAsync_BuiltInDomain_Running()
    {
        Assert.Equal(DomainState.Running, await Virsh.StateAsync("test", CancellationToken.None));
        Assert.Equal("On", DomainStates.PowerState(DomainState.Running));
    }

    [Theory]
    [InlineData("a'b; rm -rf /")]
    [InlineData("$(x)")]
    [InlineData("line1\nline2")]
    [InlineData("--all")]
    [InlineData("-test")]
    public async Task TryStateAsync_HostileName_NotFoundNotInjected(string name)
    {
        Assert.Null(await Virsh.TryStateAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_MissingDomain_NotFoundWithLibvirtMessage()
    {
        var e = await Assert.ThrowsAsync<ProviderException>(() => Virsh.StartAsync("missing", CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, e.Code);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefineAsync_BrokenXml_InvalidArgument()
    {
        var e = await Assert.ThrowsAsync<ProviderException>(() => Virsh.DefineAsync("<domain", CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
    }

    [Fact]
    public async Task DefineAsync_SemanticallyInvalidXml_InvalidArgumentWithLibvirtMessage()
    {
        var e = await Assert.ThrowsAsync<ProviderException>(() => Virsh.DefineAsync("<domain type='qemu'><name>x</name><memory>1</memory></domain>", CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, e.Code);
        Assert.Contains("os <type>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AlreadyRunning_FailedPrecondition()
    {
        var e = await Assert.ThrowsAsync<ProviderException>(() => Virsh.StartAsync("test", CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, e.Code);
    }

    [Fact]
    public async Task VersionAsync_NoDaemonAtSocket_Unavailable()
    {
        var virsh = new VirshClient(_runner, "qemu:///system?socket=/nonexistent/libvirt-sock");

        var e = await Assert.ThrowsAsync<ProviderException>(() => virsh.VersionAsync(CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, e.Code);
        Assert.Contains("Failed to connect socket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterfaceAddressesAsync_TestDriverLease_Parsed()
    {
        var addresses = await Virsh.InterfaceAddressesAsync("test", "lease", CancellationToken.None);

        var address = Assert.Single(addresses);
        Assert.Equal("192.168.122.3", address.Address);
        Assert.Equal("aa:bb:cc:dd:ee:ff", address.Mac);
    }

    [Fact]
    public async Task DefineAsync_BuilderXmlEveryFeature_AcceptedByLibvirtAndReadBack()
    {
        var spec = new DomainSpec
        {
            Name = "vm-'&<\">",
            DomainType = "qemu",
            VCpus = 2,
            MaxVCpus = 4,
            MemoryMiB = 512,
            MaxMemoryMiB = 1024,
            Firmware = DomainFirmware.Bios,
            Disks = [new DomainDisk("/var/lib/libvirt/images/a b'c.qcow2", "qcow2", "vda"), new DomainDisk("/var/lib/libvirt/images/d.raw", "raw", "vdb")],
            Nics = [new DomainNic(DomainNicKind.Network, "default", "virtio", "52:54:00:aa:bb:cc"), new DomainNic(DomainNicKind.Bridge, "br0", "e1000", null),
                new DomainNic(DomainNicKind.User, string.Empty, "rtl8139", null)],
            SeedIsoPath = "/var/lib/libvirt/images/seed.iso",
            Tags = ["team=<a&b>"],
        };
        var xml = DomainXmlBuilder.Build(spec);

        // The test driver parses and validates (RNG schema, --validate) the definition; a rejection would throw.
        await Virsh.RunAsync(["define", "--file=/dev/stdin", "--validate"], CancellationToken.None, System.Text.Encoding.UTF8.GetBytes(xml));

        var read = DomainXmlReader.Parse(xml);
        Assert.Equal(spec.Name, read.Name);
        Assert.Equal(2, read.VCpus);
        Assert.Equal(4, read.MaxVCpus);
        Assert.Equal(512, read.MemoryMiB);
        Assert.Equal(1024, read.MaxMemoryMiB);
        Assert.Equal(spec.Disks, read.Disks);
        Assert.Equal(["/var/lib/libvirt/images/seed.iso"], read.CdromFiles);
        Assert.Equal(3, read.Nics.Count);
        Assert.Equal("52:54:00:aa:bb:cc", read.Nics[0].Mac);
        Assert.Equal(["team=<a&b>"], read.Tags);
    }

    [Fact]
    public void ParseInterfaceAddresses_AgentOutputWithContinuationLines_AllAddresses()
    {
        const string Text = """
             Name       MAC address          Protocol     Address
            -------------------------------------------------------------------------------
             lo         00:00:00:00:00:00    ipv4         127.0.0.1/8
             eth0       52:54:00:12:34:56    ipv4         10.0.0.7/24
             -          -                    ipv6         fe80::1/64
            """;

        var addresses = VirshClient.ParseInterfaceAddresses(Text);

        Assert.Equal(3, addresses.Count);
        Assert.Equal(new InterfaceAddress("eth0", "52:54:00:12:34:56", "fe80::1"), addresses[2]);
    }
}
