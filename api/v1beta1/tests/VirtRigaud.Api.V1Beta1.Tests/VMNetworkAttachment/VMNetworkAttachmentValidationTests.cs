using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1.Tests;

public sealed class VMNetworkAttachmentValidationTests
{
    private static VMNetworkAttachmentSpec ValidSpec() => new()
    {
        Network = new VMNetworkConfig { VSphere = new VSphereNetworkConfig { Portgroup = "VM Network" } },
    };

    private static FieldErrorList Validate(VMNetworkAttachmentSpec spec)
    {
        var network = new V1Beta1.VMNetworkAttachment
        {
            Metadata = new ObjectMeta { Name = "app-net", Namespace = "prod" },
            Spec = spec,
        };
        var errors = new FieldErrorList();
        VMNetworkAttachmentValidation.Validate(network, errors);
        return errors;
    }


    private static void AssertValidOr(FieldErrorList errors, FieldErrorType? type, string field)
    {
        if (type is { } t)
        {
            FieldErrorAssert.Single(errors, t, field);
        }
        else
        {
            Assert.Empty(errors);
        }
    }

    private static VMNetworkAttachmentSpec WithAllocation(IPAllocationConfig allocation) => ValidSpec() with { IpAllocation = allocation };

    private static VMNetworkAttachmentSpec WithVlan(VLANConfig vlan) =>
        ValidSpec() with { Network = new VMNetworkConfig { VSphere = new VSphereNetworkConfig { Portgroup = "pg-100", Vlan = vlan } } };

    private static VMNetworkAttachmentSpec WithRule(NetworkFirewallRule rule, params NetworkFirewallRule[] more) =>
        ValidSpec() with { Security = new NetworkSecurityConfig { Firewall = new NetworkFirewallConfig { Enabled = true, Rules = [rule, .. more] } } };

    private static NetworkFirewallRule Rule(string name = "ssh") => new() { Name = name, Action = "ACCEPT", Direction = "in" };

    private static StaticIPConfig Static(string address = "192.168.10.20/24", string? gateway = "192.168.10.1") =>
        new() { Address = address, Gateway = gateway };

    [Fact]
    public void Validate_MinimalNetwork_NoErrors()
    {
        Assert.Empty(Validate(ValidSpec()));
    }

    [Theory]
    [InlineData(null, false, false, false, null, null)] // DHCP by default
    [InlineData(IPAllocationType.DHCP, false, false, true, null, null)]
    [InlineData(IPAllocationType.Static, true, false, false, null, null)]
    [InlineData(IPAllocationType.Pool, false, true, false, null, null)]
    [InlineData(IPAllocationType.None, false, false, false, null, null)]
    [InlineData(IPAllocationType.Static, false, false, false, FieldErrorType.Required, "spec.ipAllocation.staticConfig")]
    [InlineData(IPAllocationType.Pool, false, false, false, FieldErrorType.Required, "spec.ipAllocation.poolConfig")]
    [InlineData(IPAllocationType.DHCP, true, false, false, FieldErrorType.Forbidden, "spec.ipAllocation.staticConfig")]
    [InlineData(null, true, false, false, FieldErrorType.Forbidden, "spec.ipAllocation.staticConfig")]
    [InlineData(IPAllocationType.Static, true, true, false, FieldErrorType.Forbidden, "spec.ipAllocation.poolConfig")]
    [InlineData(IPAllocationType.None, false, false, true, FieldErrorType.Forbidden, "spec.ipAllocation.dhcpConfig")]
    public void Validate_AllocationBlocks_MustMatchType(
        IPAllocationType? type, bool hasStatic, bool hasPool, bool hasDhcp, FieldErrorType? expected, string? field)
    {
        var allocation = new IPAllocationConfig
        {
            Type = type,
            StaticConfig = hasStatic ? Static() : null,
            PoolConfig = hasPool ? new IPPoolConfig { PoolRef = new LocalObjectReference { Name = "pool-a" } } : null,
            DhcpConfig = hasDhcp ? new DHCPConfig { Hostname = "web" } : null,
        };

        AssertValidOr(Validate(WithAllocation(allocation)), expected, field ?? "");
    }

    [Fact]
    public void Validate_StaticConfigForDhcp_MessageNamesTheType()
    {
        var errors = Validate(WithAllocation(new IPAllocationConfig { Type = IPAllocationType.DHCP, StaticConfig = Static() }));

        Assert.Equal("spec.ipAllocation.staticConfig: Forbidden: may not be set when type is \"DHCP\"", Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData("10.0.0.20/24", "10.0.0.1", null, null)]
    [InlineData("10.0.0.20/24", null, null, null)]
    [InlineData("10.0.0.0/24", "10.0.0.1", FieldErrorType.Invalid, "spec.ipAllocation.staticConfig.address")]
    [InlineData("10.0.0.20/24", "10.0.5.1", FieldErrorType.Invalid, "spec.ipAllocation.staticConfig.gateway")]
    [InlineData("10.0.0.20/24", "10.0.0.20", FieldErrorType.Invalid, "spec.ipAllocation.staticConfig.gateway")]
    [InlineData("10.0.0.20/24", "10.0.0.0", FieldErrorType.Invalid, "spec.ipAllocation.staticConfig.gateway")]
    [InlineData("203.0.113.7/32", "172.31.1.1", null, null)]
    public void Validate_StaticAddressAndGateway_MustBeConsistent(string address, string? gateway, FieldErrorType? expected, string? field)
    {
        var allocation = new IPAllocationConfig { Type = IPAllocationType.Static, StaticConfig = Static(address, gateway) };

        AssertValidOr(Validate(WithAllocation(allocation)), expected, field ?? "");
    }

    [Theory]
    [InlineData("10.20.0.0/16", null)]
    [InlineData("0.0.0.0/0", null)]
    [InlineData("10.20.1.0/16", FieldErrorType.Invalid)]
    public void Validate_RouteDestination_MustBeANetworkAddress(string destination, FieldErrorType? expected)
    {
        var config = Static() with { Routes = [new StaticRoute { Destination = destination, Gateway = "192.168.10.254" }] };

        var errors = Validate(WithAllocation(new IPAllocationConfig { Type = IPAllocationType.Static, StaticConfig = config }));

        AssertValidOr(errors, expected, "spec.ipAllocation.staticConfig.routes[0].destination");
    }

    [Fact]
    public void Validate_SameRouteDestinationTwice_Duplicate()
    {
        var config = Static() with
        {
            Routes =
            [
                new StaticRoute { Destination = "10.20.0.0/16", Gateway = "192.168.10.254" },
                new StaticRoute { Destination = "10.20.0.0/16", Gateway = "192.168.10.253", Metric = 200 },
            ],
        };

        var errors = Validate(WithAllocation(new IPAllocationConfig { Type = IPAllocationType.Static, StaticConfig = config }));

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.ipAllocation.staticConfig.routes[1].destination");
    }

    [Theory]
    [InlineData("10.0.0.2", "1.1.1.1", null, "")]
    [InlineData("2606:4700:4700::1111", "1.1.1.1", null, "")]
    [InlineData("10.0.0.2", "ns1.example.com", FieldErrorType.Invalid, "spec.ipAllocation.dnsConfig.servers[1]")]
    [InlineData("10.0.0.2", "10.0.0.2", FieldErrorType.Duplicate, "spec.ipAllocation.dnsConfig.servers[1]")]
    public void Validate_DnsServers_MustBeDistinctIPs(string first, string second, FieldErrorType? expected, string field)
    {
        var allocation = new IPAllocationConfig { DnsConfig = new NetworkDNSConfig { Servers = [first, second] } };

        AssertValidOr(Validate(WithAllocation(allocation)), expected, field);
    }

    [Theory]
    [InlineData(VLANType.None, null, null, null, null, null, "")]
    [InlineData(VLANType.None, 100, null, null, null, null, "")] // upstream tags with vlanID whatever the type
    [InlineData(VLANType.Vlan, 100, null, null, null, null, "")]
    [InlineData(VLANType.Trunk, null, "10,20", null, null, null, "")]
    [InlineData(VLANType.Pvlan, null, null, 100, 101, null, "")]
    [InlineData(VLANType.Vlan, null, null, null, null, FieldErrorType.Required, "spec.network.vsphere.vlan.vlanID")]
    [InlineData(VLANType.Trunk, null, null, null, null, FieldErrorType.Required, "spec.network.vsphere.vlan.trunkVlanIDs")]
    [InlineData(VLANType.Trunk, 100, "10,20", null, null, FieldErrorType.Forbidden, "spec.network.vsphere.vlan.vlanID")]
    [InlineData(VLANType.Vlan, 100, "10,20", null, null, FieldErrorType.Forbidden, "spec.network.vsphere.vlan.trunkVlanIDs")]
    [InlineData(VLANType.Vlan, 100, null, 100, null, FieldErrorType.Forbidden, "spec.network.vsphere.vlan.primaryVlanID")]
    [InlineData(VLANType.None, null, null, null, 101, FieldErrorType.Forbidden, "spec.network.vsphere.vlan.secondaryVlanID")]
    [InlineData(VLANType.Pvlan, null, null, null, 101, FieldErrorType.Required, "spec.network.vsphere.vlan.primaryVlanID")]
    [InlineData(VLANType.Pvlan, null, null, 100, null, FieldErrorType.Required, "spec.network.vsphere.vlan.secondaryVlanID")]
    [InlineData(VLANType.Pvlan, null, null, 100, 100, FieldErrorType.Invalid, "spec.network.vsphere.vlan.secondaryVlanID")]
    [InlineData(VLANType.Trunk, null, "10,0", null, null, FieldErrorType.Invalid, "spec.network.vsphere.vlan.trunkVlanIDs[1]")]
    [InlineData(VLANType.Trunk, null, "10,4095", null, null, FieldErrorType.Invalid, "spec.network.vsphere.vlan.trunkVlanIDs[1]")]
    [InlineData(VLANType.Trunk, null, "10,20,10", null, null, FieldErrorType.Duplicate, "spec.network.vsphere.vlan.trunkVlanIDs[2]")]
    public void Validate_VlanIds_MustMatchVlanType(
        VLANType type, int? vlanId, string? trunk, int? primary, int? secondary, FieldErrorType? expected, string field)
    {
        var vlan = new VLANConfig
        {
            Type = type,
            VlanID = vlanId,
            TrunkVlanIDs = trunk?.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            PrimaryVlanID = primary,
            SecondaryVlanID = secondary,
        };

        AssertValidOr(Validate(WithVlan(vlan)), expected, field);
    }

    [Theory]
    [InlineData(100_000_000L, 200_000_000L, null)]
    [InlineData(100_000_000L, 100_000_000L, null)]
    [InlineData(200_000_000L, 100_000_000L, FieldErrorType.Invalid)]
    public void Validate_PeakBandwidth_AtLeastAverage(long average, long peak, FieldErrorType? expected)
    {
        var shaping = new TrafficShapingConfig { Enabled = true, AverageBandwidth = average, PeakBandwidth = peak };
        var spec = ValidSpec() with { Network = new VMNetworkConfig { VSphere = new VSphereNetworkConfig { Portgroup = "pg", TrafficShaping = shaping } } };

        AssertValidOr(Validate(spec), expected, "spec.network.vsphere.trafficShaping.peakBandwidth");
    }

    [Theory]
    [InlineData("default", false, null)]
    [InlineData(null, true, null)]
    [InlineData("default", true, FieldErrorType.Forbidden)]
    public void Validate_LibvirtNetworkNameAndBridge_MutuallyExclusive(string? networkName, bool bridge, FieldErrorType? expected)
    {
        var libvirt = new LibvirtNetworkConfig { NetworkName = networkName, Bridge = bridge ? new LibvirtBridgeConfig { Name = "br0" } : null };

        var errors = Validate(ValidSpec() with { Network = new VMNetworkConfig { Libvirt = libvirt } });

        AssertValidOr(errors, expected, "spec.network.libvirt.bridge");
    }

    [Fact]
    public void Validate_DuplicateFirewallRuleName_Duplicate()
    {
        var errors = Validate(WithRule(Rule("ssh"), Rule("https"), Rule("ssh")));

        FieldErrorAssert.Single(errors, FieldErrorType.Duplicate, "spec.security.firewall.rules[2].name");
    }

    [Theory]
    [InlineData(22, null, null)]
    [InlineData(8000, 8080, null)]
    [InlineData(8080, 8080, null)]
    [InlineData(8080, 8000, FieldErrorType.Invalid)]
    public void Validate_FirewallPorts_StartAtMostEnd(int start, int? end, FieldErrorType? expected)
    {
        var rule = Rule() with { Protocol = "tcp", Ports = new FirewallPortRange { Start = start, End = end } };

        AssertValidOr(Validate(WithRule(rule)), expected, "spec.security.firewall.rules[0].ports.end");
    }

    [Theory]
    [InlineData("tcp", null)]
    [InlineData("udp", null)]
    [InlineData(null, null)]
    [InlineData("icmp", FieldErrorType.Forbidden)]
    [InlineData("all", FieldErrorType.Forbidden)]
    public void Validate_FirewallPorts_OnlyForTcpAndUdp(string? protocol, FieldErrorType? expected)
    {
        var rule = Rule() with { Protocol = protocol, Ports = new FirewallPortRange { Start = 53 } };

        AssertValidOr(Validate(WithRule(rule)), expected, "spec.security.firewall.rules[0].ports");
    }

    [Theory]
    [InlineData("10.0.0.0/8", null)]
    [InlineData("10.0.0.5/8", null)] // host bits are masked by firewalls
    [InlineData("fd00::/8", null)]
    [InlineData("10.0.0.0", FieldErrorType.Invalid)]
    [InlineData("10.0.0.0/33", FieldErrorType.Invalid)]
    [InlineData("any", FieldErrorType.Invalid)]
    public void Validate_FirewallCidrs_MustParse(string cidr, FieldErrorType? expected)
    {
        var source = Validate(WithRule(Rule() with { SourceCIDR = cidr }));
        var destination = Validate(WithRule(Rule() with { DestinationCIDR = cidr }));

        AssertValidOr(source, expected, "spec.security.firewall.rules[0].sourceCIDR");
        AssertValidOr(destination, expected, "spec.security.firewall.rules[0].destinationCIDR");
    }

    [Fact]
    public void Validate_NetworkBothAllowedAndDenied_InvalidOnDenied()
    {
        var isolation = new NetworkIsolationConfig { Mode = "custom", AllowedNetworks = ["mgmt", "db"], DeniedNetworks = ["dmz", "db"] };

        var errors = Validate(ValidSpec() with { Security = new NetworkSecurityConfig { Isolation = isolation } });

        FieldErrorAssert.Single(errors, FieldErrorType.Invalid, "spec.security.isolation.deniedNetworks[1]");
    }

    [Theory]
    [InlineData(true, "wireguard", null)]
    [InlineData(false, null, null)]
    [InlineData(true, null, FieldErrorType.Required)]
    public void Validate_EnabledEncryption_NeedsProtocol(bool enabled, string? protocol, FieldErrorType? expected)
    {
        var encryption = new NetworkEncryptionConfig { Enabled = enabled, Protocol = protocol };

        var errors = Validate(ValidSpec() with { Security = new NetworkSecurityConfig { Encryption = encryption } });

        AssertValidOr(errors, expected, "spec.security.encryption.protocol");
    }
}
