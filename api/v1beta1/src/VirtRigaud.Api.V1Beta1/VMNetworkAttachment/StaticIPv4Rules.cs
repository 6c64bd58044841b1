using System.Globalization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The checks shared by a VM interface's static IP and a network's static configuration: an address must be a host of
/// its subnet, and the default gateway must be another host of that subnet, or the guest cannot reach it.
/// </summary>
internal static class StaticIPv4Rules
{
    /// <summary>
    /// Checks <paramref name="address"/>/<paramref name="prefix"/> and the optional <paramref name="gateway"/>.
    /// Point-to-point prefixes (/31, /32) have no network or broadcast address and reach their gateway on-link, so
    /// only the gateway ≠ address rule applies to them.
    /// </summary>
    public static void Validate(
        string address, int prefix, string? gateway, FieldPath addressPath, string addressValue, FieldPath gatewayPath, FieldErrorList errors)
    {
        if (!IPAddressSyntax.TryParseIPv4(address, out var ip))
        {
            return; // The schema pattern reports malformed addresses.
        }

        var mask = IPAddressSyntax.IPv4Mask(prefix);
        var network = ip & mask;
        var broadcast = network | ~mask;
        if (prefix <= 30 && (ip == network || ip == broadcast))
        {
            var which = ip == network ? "network" : "broadcast";
            errors.Add(FieldError.Invalid(addressPath, addressValue,
                $"must be a host address: it is the {which} address of its /{prefix.ToString(CultureInfo.InvariantCulture)} subnet"));
        }

        if (gateway is null || !IPAddressSyntax.TryParseIPv4(gateway, out var gw))
        {
            return;
        }

        if (gw == ip)
        {
            errors.Add(FieldError.Invalid(gatewayPath, gateway, "must differ from the interface's own address"));
        }
        else if (prefix <= 30 && (gw & mask) != network)
        {
            errors.Add(FieldError.Invalid(gatewayPath, gateway,
                $"must be within the subnet {FormatIPv4(network)}/{prefix.ToString(CultureInfo.InvariantCulture)} of the address"));
        }
        else if (prefix <= 30 && (gw == network || gw == broadcast))
        {
            errors.Add(FieldError.Invalid(gatewayPath, gateway, "must be a host address, not the subnet's network or broadcast address"));
        }
    }

    public static string FormatIPv4(uint value) => string.Create(CultureInfo.InvariantCulture,
        $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}");
}
