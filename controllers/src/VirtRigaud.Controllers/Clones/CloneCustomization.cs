using System.Net;
using System.Text;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Clones;

/// <summary>
/// Builds the customization a Clone call carries (<c>customize_json</c>, the CRD VMCustomization JSON): the spec's
/// customization, plus the static NIC settings of <c>spec.target.networks</c>, with every Secret reference resolved
/// to its value — a provider process cannot read Kubernetes Secrets. The result holds secrets: it is never logged,
/// evented or written to status.
/// <code>
/// reference                                   Secret key                         becomes
/// userData.cloudInit.secretRef                userdata|user-data|cloud-init|     userData.cloudInit.inline (merged with inline
///                                             cloud-config (first found)         as the VM controller merges cloud-init)
/// userData.ignition.secretRef                 ignition|userdata (first found)    userData.ignition.inline
/// sysprep.adminPassword.secretRef             secretKey (default password)       sysprep.adminPassword.value
/// sysprep.joinDomain.password.secretRef       secretKey (default password)       sysprep.joinDomain.password.value
/// certificates[].secretRef                    secretKey (default tls.crt)        certificates[].data
/// </code>
/// </summary>
internal static class CloneCustomization
{
    /// <summary>Secret keys read for an Ignition config, in order.</summary>
    public static readonly IReadOnlyList<string> IgnitionKeys = ["ignition", "userdata"];

    /// <summary>
    /// The customization with the static settings of <paramref name="targetNetworks"/> (address, prefix, gateway, DNS,
    /// MAC) added as NIC customizations; an entry of <c>customization.networks</c> with the same name wins. Null when
    /// there is nothing to customize. Pure.
    /// </summary>
    public static VMCustomization? Merge(VMCustomization? customization, IReadOnlyList<VMNetworkRef>? targetNetworks)
    {
        var explicitNames = new HashSet<string>((customization?.Networks ?? []).Select(n => n.Name), StringComparer.Ordinal);
        var added = new List<NetworkCustomization>();
        foreach (var nic in targetNetworks ?? [])
        {
            if (explicitNames.Contains(nic.Name)
                || (string.IsNullOrEmpty(nic.IpAddress) && string.IsNullOrEmpty(nic.MacAddress) && string.IsNullOrEmpty(nic.Gateway) && string.IsNullOrEmpty(nic.Dns)))
            {
                continue;
            }

            added.Add(new NetworkCustomization
            {
                Name = nic.Name,
                IpAddress = NullIfEmpty(nic.IpAddress),
                SubnetMask = nic.Prefix is { } prefix ? SubnetMask(prefix) : null,
                Gateway = NullIfEmpty(nic.Gateway),
                Dns = string.IsNullOrEmpty(nic.Dns) ? null : [.. nic.Dns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5)],
                MacAddress = NullIfEmpty(nic.MacAddress),
                Dhcp = string.IsNullOrEmpty(nic.IpAddress) ? true : null,
            });
        }

        if (added.Count == 0)
        {
            return customization;
        }

        var merged = customization ?? new VMCustomization();
        return merged with { Networks = [.. merged.Networks ?? [], .. added] };
    }

    /// <summary>
    /// Resolves every Secret reference (see the class table) through <paramref name="readSecret"/> (null: not found).
    /// Returns the resolved customization, or what is missing (Secret names and keys, never values).
    /// </summary>
    public static async Task<(VMCustomization? Resolved, string? Missing)> ResolveSecretsAsync(
        VMCustomization customization, string ns, Func<string, CancellationToken, Task<Secret?>> readSecret, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var secrets = new Dictionary<string, Secret?>(StringComparer.Ordinal);

        async Task<Secret?> SecretAsync(string name)
        {
            if (!secrets.TryGetValue(name, out var secret))
            {
                secret = await readSecret(name, cancellationToken).ConfigureAwait(false);
                secrets[name] = secret;
                if (secret is null)
                {
                    missing.Add($"Secret {ns}/{name} not found");
                }
            }

            return secret;
        }

        async Task<string?> ValueAsync(LocalObjectReference reference, IReadOnlyList<string> keys, string field)
        {
            if (await SecretAsync(reference.Name).ConfigureAwait(false) is not { } secret)
            {
                return null;
            }

            foreach (var key in keys)
            {
                if (secret.Data?.TryGetValue(key, out var bytes) == true)
                {
                    return Encoding.UTF8.GetString(bytes);
                }
            }

            missing.Add($"Secret {ns}/{reference.Name} has no key {string.Join(" or ", keys)} (for {field})");
            return null;
        }

        var result = customization;
        if (customization.UserData?.CloudInit is { SecretRef: { } cloudInitRef } cloudInit
            && await SecretAsync(cloudInitRef.Name).ConfigureAwait(false) is { } cloudInitSecret)
        {
            try
            {
                var rendered = CloudInitRenderer.RenderUserData(cloudInit.Inline, cloudInitSecret);
                result = result with { UserData = result.UserData! with { CloudInit = new CloudInitConfig { Inline = rendered } } };
            }
            catch (CloudInitException)
            {
                missing.Add($"Secret {ns}/{cloudInitRef.Name} has no key {string.Join(" or ", CloudInitRenderer.UserDataKeys)} (for spec.customization.userData.cloudInit)");
            }
        }

        if (customization.UserData?.Ignition is { SecretRef: { } ignitionRef } ignition
            && await ValueAsync(ignitionRef, IgnitionKeys, "spec.customization.userData.ignition").ConfigureAwait(false) is { } ignitionText)
        {
            var inline = string.IsNullOrEmpty(ignition.Inline) ? ignitionText : ignition.Inline;
            result = result with { UserData = result.UserData! with { Ignition = new IgnitionConfig { Inline = inline } } };
        }

        if (customization.Sysprep is { } sysprep)
        {
            var resolved = sysprep;
            if (sysprep.AdminPassword is { SecretRef: { } adminRef } admin
                && await ValueAsync(adminRef, [admin.SecretKey ?? "password"], "spec.customization.sysprep.adminPassword").ConfigureAwait(false) is { } adminPassword)
            {
                resolved = resolved with { AdminPassword = new PasswordSpec { Value = adminPassword } };
            }

            if (sysprep.JoinDomain is { Password.SecretRef: { } joinRef } join
                && await ValueAsync(joinRef, [join.Password.SecretKey ?? "password"], "spec.customization.sysprep.joinDomain.password").ConfigureAwait(false) is { } joinPassword)
            {
                resolved = resolved with { JoinDomain = join with { Password = new PasswordSpec { Value = joinPassword } } };
            }

            result = result with { Sysprep = resolved };
        }

        if (customization.Certificates is { Count: > 0 } certificates)
        {
            var resolved = new List<CertificateSpec>(certificates.Count);
            for (var i = 0; i < certificates.Count; i++)
            {
                var certificate = certificates[i];
                if (certificate.SecretRef is { } certRef
                    && await ValueAsync(certRef, [certificate.SecretKey ?? "tls.crt"], $"spec.customization.certificates[{i}]").ConfigureAwait(false) is { } data)
                {
                    certificate = certificate with { Data = data, SecretRef = null, SecretKey = null };
                }

                resolved.Add(certificate);
            }

            result = result with { Certificates = resolved };
        }

        return missing.Count > 0 ? (null, string.Join("; ", missing)) : (result, null);
    }

    /// <summary>The customization steps <paramref name="customization"/> asks for, for <c>status.customizationStatus</c>.</summary>
    public static IReadOnlyList<string> Steps(VMCustomization customization)
    {
        var steps = new List<string>();
        Add(steps, !string.IsNullOrEmpty(customization.Hostname), "hostname");
        Add(steps, !string.IsNullOrEmpty(customization.Domain), "domain");
        Add(steps, !string.IsNullOrEmpty(customization.TimeZone), "timeZone");
        Add(steps, customization.Networks is { Count: > 0 }, "networks");
        Add(steps, customization.UserData is not null, "userData");
        Add(steps, customization.Sysprep is not null, "sysprep");
        Add(steps, customization.Tags is { Count: > 0 }, "tags");
        Add(steps, customization.GuestCommands is { Count: > 0 }, "guestCommands");
        Add(steps, customization.Certificates is { Count: > 0 }, "certificates");
        return steps;
    }

    /// <summary>The dotted IPv4 netmask of a prefix length (24 ⇒ 255.255.255.0).</summary>
    public static string SubnetMask(int prefix)
    {
        var bits = Math.Clamp(prefix, 0, 32);
        var mask = bits == 0 ? 0u : uint.MaxValue << (32 - bits);
        return new IPAddress([(byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask]).ToString();
    }

    private static void Add(List<string> steps, bool set, string name)
    {
        if (set)
        {
            steps.Add(name);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
