using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The rules for a <see cref="VirtualMachine"/> that its OpenAPI schema cannot express. Runs after schema validation
/// and defaulting; never mutates the object. <see cref="ValidateSpec"/> is public so that kinds embedding a
/// <see cref="VirtualMachineSpec"/> (VMSet templates) apply the same rules.
/// </summary>
public static class VirtualMachineValidation
{
    /// <summary>
    /// The label the adoption and clone controllers put on VMs they bind to an existing provider VM. Such VMs are never
    /// created from an image, so they may have neither <c>imageRef</c> nor <c>importedDisk</c>.
    /// </summary>
    public const string AdoptedLabel = "virtrigaud.io/adopted";

    /// <summary>Appends every problem of <paramref name="obj"/> to <paramref name="errors"/>.</summary>
    public static void Validate(VirtualMachine obj, FieldErrorList errors)
    {
        var adopted = obj.Metadata.Label(AdoptedLabel) == "true";
        ValidateSpec(obj.Spec, FieldPath.NewPath("spec"), obj.Metadata.Namespace, requireBootSource: !adopted, errors);
    }

    /// <summary>
    /// Appends every problem of <paramref name="spec"/> (found at <paramref name="path"/>) to <paramref name="errors"/>.
    /// </summary>
    /// <param name="spec">The spec to check.</param>
    /// <param name="path">Where the spec sits in its object, e.g. <c>spec</c> or <c>spec.template.spec</c>.</param>
    /// <param name="ns">The namespace the VM lives in, when known; network references must stay in it.</param>
    /// <param name="requireBootSource">Whether one of imageRef/importedDisk is required (false for adopted VMs).</param>
    /// <param name="errors">Receives the problems.</param>
    public static void ValidateSpec(VirtualMachineSpec spec, FieldPath path, string? ns, bool requireBootSource, FieldErrorList errors)
    {
        ValidateBootSource(spec, path, requireBootSource, errors);
        ValidateNetworks(spec.Networks, path.Child("networks"), ns, errors);
        ValidateDisks(spec.Disks, path.Child("disks"), errors);
        ValidateUserData(spec.UserData, path.Child("userData"), errors);
        ValidateLifecycle(spec.Lifecycle, path.Child("lifecycle"), errors);
    }

    private static void ValidateBootSource(VirtualMachineSpec spec, FieldPath path, bool required, FieldErrorList errors)
    {
        // Upstream's controller refused to create a VM without exactly one of the two; we say so at admission.
        if (spec.ImageRef is not null && spec.ImportedDisk is not null)
        {
            errors.Add(FieldError.Forbidden(path.Child("imageRef"), $"may not be set together with {path.Child("importedDisk")}"));
        }
        else if (required && spec.ImageRef is null && spec.ImportedDisk is null)
        {
            errors.Add(FieldError.Required(path.Child("imageRef"),
                $"one of {path.Child("imageRef")} or {path.Child("importedDisk")} is required (only VMs labelled {AdoptedLabel}=true may have neither)"));
        }
    }

    private static void ValidateNetworks(IReadOnlyList<VMNetworkRef>? networks, FieldPath path, string? ns, FieldErrorList errors)
    {
        if (networks is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var macs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < networks.Count; i++)
        {
            var network = networks[i];
            var p = path.Index(i);
            if (!names.Add(network.Name))
            {
                errors.Add(FieldError.Duplicate(p.Child("name"), network.Name));
            }

            // Upstream always resolves the attachment in the VM's namespace and silently ignores any other.
            if (network.NetworkRef?.Namespace is { Length: > 0 } refNs && !string.IsNullOrEmpty(ns) && refNs != ns)
            {
                errors.Add(FieldError.Invalid(p.Child("networkRef", "namespace"), refNs,
                    $"must be the VM's namespace {FieldError.Quote(ns)} or empty: network attachments are resolved there"));
            }

            ValidateStaticIP(network, p, errors);
            ValidateDns(network.Dns, p.Child("dns"), errors);

            if (network.MacAddress is { } mac)
            {
                var canonical = mac.Replace('-', ':').ToLowerInvariant();
                if (!macs.Add(canonical))
                {
                    errors.Add(FieldError.Duplicate(p.Child("macAddress"), mac));
                }
                else if ((Convert.ToByte(canonical[..2], 16) & 0x01) != 0)
                {
                    // The I/G bit marks group addresses; a NIC with one would never receive unicast traffic.
                    errors.Add(FieldError.Invalid(p.Child("macAddress"), mac, "must be a unicast address (the first octet must be even)"));
                }
            }
        }
    }

    private static void ValidateStaticIP(VMNetworkRef network, FieldPath path, FieldErrorList errors)
    {
        if (network.IpAddress is null)
        {
            // A prefix or gateway without an address would be dropped or misapplied by the guest's DHCP client.
            if (network.Prefix is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("prefix"), $"may only be set together with {path.Child("ipAddress")}"));
            }

            if (network.Gateway is not null)
            {
                errors.Add(FieldError.Forbidden(path.Child("gateway"), $"may only be set together with {path.Child("ipAddress")}"));
            }

            return;
        }

        if (network.Prefix is { } prefix)
        {
            StaticIPv4Rules.Validate(network.IpAddress, prefix, network.Gateway, path.Child("ipAddress"), network.IpAddress, path.Child("gateway"), errors);
        }
        else if (network.Gateway == network.IpAddress)
        {
            errors.Add(FieldError.Invalid(path.Child("gateway"), network.Gateway, "must differ from the interface's own address"));
        }
    }

    private static void ValidateDns(string? dns, FieldPath path, FieldErrorList errors)
    {
        if (dns is null)
        {
            return;
        }

        // A comma-separated list of server addresses; empty entries (a trailing comma) are harmless.
        foreach (var entry in dns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPAddressSyntax.IsIPAddress(entry))
            {
                errors.Add(FieldError.Invalid(path, dns, $"must be a comma-separated list of IP addresses: {FieldError.Quote(entry)} is not one"));
                return;
            }
        }
    }

    private static void ValidateDisks(IReadOnlyList<DiskSpec>? disks, FieldPath path, FieldErrorList errors)
    {
        if (disks is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < disks.Count; i++)
        {
            if (!names.Add(disks[i].Name))
            {
                errors.Add(FieldError.Duplicate(path.Index(i).Child("name"), disks[i].Name));
            }
        }
    }

    private static void ValidateUserData(UserData? userData, FieldPath path, FieldErrorList errors)
    {
        // cloudInit (and metaData.cloudInit) may combine inline and secretRef: the controller merges the two parts.
        // An Ignition config is one JSON document and cannot be merged, so it comes from exactly one place.
        if (userData?.Ignition is { Inline: not null, SecretRef: not null })
        {
            var ignition = path.Child("ignition");
            errors.Add(FieldError.Forbidden(ignition.Child("secretRef"), $"may not be set together with {ignition.Child("inline")}"));
        }
    }

    private static void ValidateLifecycle(VirtualMachineLifecycle? lifecycle, FieldPath path, FieldErrorList errors)
    {
        if (lifecycle is null)
        {
            return;
        }

        ValidateHandler(lifecycle.PreStop, path.Child("preStop"), errors);
        ValidateHandler(lifecycle.PostStart, path.Child("postStart"), errors);
        if (lifecycle.GracefulShutdownTimeout is { Nanoseconds: < 0 } timeout)
        {
            errors.Add(FieldError.Invalid(path.Child("gracefulShutdownTimeout"), timeout.ToString(), "must not be negative"));
        }
    }

    private static void ValidateHandler(LifecycleHandler? handler, FieldPath path, FieldErrorList errors)
    {
        if (handler is null)
        {
            return;
        }

        // As Kubernetes' own lifecycle handlers: exactly one action per hook.
        var count = (handler.Exec is null ? 0 : 1) + (handler.HttpGet is null ? 0 : 1) + (handler.Snapshot is null ? 0 : 1);
        if (count == 0)
        {
            errors.Add(FieldError.Required(path, "must specify a handler type"));
        }
        else if (count > 1)
        {
            errors.Add(FieldError.Forbidden(path, "may not specify more than 1 handler type"));
        }
    }
}
