using System.Globalization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="VMNetworkAttachment"/> that its OpenAPI schema cannot express. Runs after schema
/// validation and defaulting; never mutates the object.
/// </summary>
public static class VMNetworkAttachmentValidation
{
    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(VMNetworkAttachment obj, FieldErrorList errors)
    {
        var spec = FieldPath.NewPath("spec");
        ValidateNetwork(obj.Spec.Network, spec.Child("network"), errors);
        ValidateIPAllocation(obj.Spec.IpAllocation, spec.Child("ipAllocation"), errors);
        ValidateSecurity(obj.Spec.Security, spec.Child("security"), errors);
    }

    private static void ValidateNetwork(VMNetworkConfig network, FieldPath path, FieldErrorList errors)
    {
        if (network.VSphere is { } vsphere)
        {
            var vspherePath = path.Child("vsphere");
            ValidateVlan(vsphere.Vlan, vspherePath.Child("vlan"), errors);
            if (vsphere.TrafficShaping is { AverageBandwidth: { } average, PeakBandwidth: { } peak } && peak < average)
            {
                errors.Add(FieldError.Invalid(vspherePath.Child("trafficShaping", "peakBandwidth"), peak,
                    "must be greater than or equal to averageBandwidth"));
            }
        }

        // A libvirt interface is either <interface type="network"> or <interface type="bridge">, never both.
        if (network.Libvirt is { NetworkName: not null, Bridge: not null })
        {
            var libvirt = path.Child("libvirt");
            errors.Add(FieldError.Forbidden(libvirt.Child("bridge"), $"may not be set together with {libvirt.Child("networkName")}"));
        }
    }

    private static void ValidateVlan(VLANConfig? vlan, FieldPath path, FieldErrorList errors)
    {
        if (vlan is null)
        {
            return;
        }

        // Which IDs each type uses (see VLANConfig). vlanID stays allowed with type "none": upstream tags the port
        // group with vlanID whatever the type, and manifests commonly give only {vlanID: 100}.
        var type = vlan.Type ?? VLANType.None;
        var typeText = type switch
        {
            VLANType.Vlan => "vlan",
            VLANType.Pvlan => "pvlan",
            VLANType.Trunk => "trunk",
            _ => "none",
        };
        var forbidden = $"may not be set when type is {FieldError.Quote(typeText)}";
        var hasTrunk = vlan.TrunkVlanIDs is { Count: > 0 };

        if (type == VLANType.Vlan && vlan.VlanID is null)
        {
            errors.Add(FieldError.Required(path.Child("vlanID"), "required when type is \"vlan\""));
        }

        if (type is VLANType.Trunk or VLANType.Pvlan && vlan.VlanID is not null)
        {
            errors.Add(FieldError.Forbidden(path.Child("vlanID"), forbidden));
        }

        if (type == VLANType.Trunk && !hasTrunk)
        {
            errors.Add(FieldError.Required(path.Child("trunkVlanIDs"), "required when type is \"trunk\""));
        }
        else if (type != VLANType.Trunk && hasTrunk)
        {
            errors.Add(FieldError.Forbidden(path.Child("trunkVlanIDs"), forbidden));
        }

        if (type == VLANType.Pvlan)
        {
            if (vlan.PrimaryVlanID is null)
            {
                errors.Add(FieldError.Required(path.Child("primaryVlanID"), "required when type is \"pvlan\""));
            }

            if (vlan.SecondaryVlanID is null)
            {
                errors.Add(FieldError.Required(path.Child("secondaryVlanID"), "required when type is \"pvlan\""));
            }
            else if (vlan.SecondaryVlanID == vlan.PrimaryVlanID)
            {
                errors.Add(FieldError.Invalid(path.Child("secondaryVlanID"), vlan.SecondaryVlanID.Value, "must differ from primaryVlanID"));
            }
        }
        else
        {
            if (vlan.PrimaryVlanID is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("primaryVlanID"), forbidden));
            }

            if (vlan.SecondaryVlanID is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("secondaryVlanID"), forbidden));
            }
        }

        if (vlan.TrunkVlanIDs is { } trunk)
        {
            // The schema bounds vlanID but not the items of trunkVlanIDs.
            var seen = new HashSet<int>();
            for (var i = 0; i < trunk.Count; i++)
            {
                var p = path.Child("trunkVlanIDs").Index(i);
                if (trunk[i] is < 1 or > 4094)
                {
                    errors.Add(FieldError.Invalid(p, trunk[i], "must be between 1 and 4094, inclusive"));
                }
                else if (!seen.Add(trunk[i]))
                {
                    errors.Add(FieldError.Duplicate(p, trunk[i]));
                }
            }
        }
    }

    private static void ValidateIPAllocation(IPAllocationConfig? allocation, FieldPath path, FieldErrorList errors)
    {
        if (allocation is null)
        {
            return;
        }

        // Each type reads exactly one configuration block; a block for another type would be silently ignored.
        var type = allocation.Type ?? IPAllocationType.DHCP;
        var forbidden = $"may not be set when type is {FieldError.Quote(type.ToString())}";
        CheckBlock(allocation.StaticConfig is not null, IPAllocationType.Static, "staticConfig");
        CheckBlock(allocation.PoolConfig is not null, IPAllocationType.Pool, "poolConfig");
        if (allocation.DhcpConfig is not null && type != IPAllocationType.DHCP)
        {
            errors.Add(FieldError.Forbidden(path.Child("dhcpConfig"), forbidden));
        }

        if (allocation.StaticConfig is { } staticConfig)
        {
            ValidateStaticConfig(staticConfig, path.Child("staticConfig"), errors);
        }

        if (allocation.DnsConfig?.Servers is { } servers)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < servers.Count; i++)
            {
                var p = path.Child("dnsConfig", "servers").Index(i);
                if (!IPAddressSyntax.IsIPAddress(servers[i]))
                {
                    errors.Add(FieldError.Invalid(p, servers[i], "must be a valid IP address"));
                }
                else if (!seen.Add(servers[i]))
                {
                    errors.Add(FieldError.Duplicate(p, servers[i]));
                }
            }
        }

        void CheckBlock(bool present, IPAllocationType owner, string name)
        {
            if (type == owner && !present)
            {
                errors.Add(FieldError.Required(path.Child(name), $"required when type is {FieldError.Quote(owner.ToString())}"));
            }
            else if (type != owner && present)
            {
                errors.Add(FieldError.Forbidden(path.Child(name), forbidden));
            }
        }
    }

    private static void ValidateStaticConfig(StaticIPConfig config, FieldPath path, FieldErrorList errors)
    {
        if (IPAddressSyntax.TryParseCidr(config.Address, out _, out var prefix))
        {
            var ip = config.Address[..config.Address.IndexOf('/', StringComparison.Ordinal)];
            StaticIPv4Rules.Validate(ip, prefix, config.Gateway, path.Child("address"), config.Address, path.Child("gateway"), errors);
        }

        if (config.Routes is not { } routes)
        {
            return;
        }

        var destinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < routes.Count; i++)
        {
            var p = path.Child("routes").Index(i).Child("destination");
            var destination = routes[i].Destination;
            if (!IPAddressSyntax.TryParseCidr(destination, out var network, out var bits))
            {
                continue; // The schema pattern reports it.
            }

            // "ip route" refuses a destination with host bits set ("Invalid prefix for given prefix length").
            if (IPAddressSyntax.HasHostBits(network, bits))
            {
                errors.Add(FieldError.Invalid(p, destination, "must be a network address: bits beyond the prefix length are set"));
            }
            else if (!destinations.Add(destination))
            {
                errors.Add(FieldError.Duplicate(p, destination));
            }
        }
    }

    private static void ValidateSecurity(NetworkSecurityConfig? security, FieldPath path, FieldErrorList errors)
    {
        if (security is null)
        {
            return;
        }

        if (security.Firewall?.Rules is { } rules)
        {
            ValidateFirewallRules(rules, path.Child("firewall", "rules"), errors);
        }

        if (security.Isolation is { AllowedNetworks: { } allowed, DeniedNetworks: { } denied })
        {
            var allowedSet = allowed.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < denied.Count; i++)
            {
                if (allowedSet.Contains(denied[i]))
                {
                    errors.Add(FieldError.Invalid(path.Child("isolation", "deniedNetworks").Index(i), denied[i], "may not also be listed in allowedNetworks"));
                }
            }
        }

        if (security.Encryption is { Enabled: true, Protocol: null })
        {
            errors.Add(FieldError.Required(path.Child("encryption", "protocol"), "required when encryption is enabled"));
        }
    }

    private static void ValidateFirewallRules(IReadOnlyList<NetworkFirewallRule> rules, FieldPath path, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var p = path.Index(i);
            if (!names.Add(rule.Name))
            {
                errors.Add(FieldError.Duplicate(p.Child("name"), rule.Name));
            }

            ValidateCidr(rule.SourceCIDR, p.Child("sourceCIDR"), errors);
            ValidateCidr(rule.DestinationCIDR, p.Child("destinationCIDR"), errors);

            if (rule.Ports is not { } ports)
            {
                continue;
            }

            // Ports exist only for TCP and UDP; a port match on ICMP or on every protocol cannot be expressed.
            if (rule.Protocol is "icmp" or "all")
            {
                errors.Add(FieldError.Forbidden(p.Child("ports"), $"may not be set when protocol is {FieldError.Quote(rule.Protocol)}: ports apply to tcp and udp"));
            }

            if (ports.End is { } end && end < ports.Start)
            {
                errors.Add(FieldError.Invalid(p.Child("ports", "end"), end,
                    $"must be greater than or equal to start ({ports.Start.ToString(CultureInfo.InvariantCulture)})"));
            }
        }
    }

    private static void ValidateCidr(string? cidr, FieldPath path, FieldErrorList errors)
    {
        // Host bits are tolerated here: firewalls mask them, as iptables does with 10.0.0.5/8.
        if (cidr is not null && !IPAddressSyntax.TryParseCidr(cidr, out _, out _))
        {
            errors.Add(FieldError.Invalid(path, cidr, "must be a valid CIDR, e.g. 10.0.0.0/8 or fd00::/8"));
        }
    }
}
