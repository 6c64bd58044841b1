using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Strict parsing of the IP addresses and CIDRs our validation rules check. <see cref="IPAddress.TryParse(string, out IPAddress)"/>
/// alone is too lenient for user input (it accepts <c>10.1</c> and <c>0x0a.1.1.1</c>), so IPv4 must be a dotted quad of
/// decimal octets, as Kubernetes' own IP validation demands.
/// </summary>
internal static class IPAddressSyntax
{
    /// <summary>A dotted-quad IPv4 address as a 32-bit number (most significant octet first).</summary>
    public static bool TryParseIPv4(string text, out uint value)
    {
        value = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            // Leading zeros are refused: some parsers read them as octal.
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var octet = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
        }

        return true;
    }

    /// <summary>A dotted-quad IPv4 address or an IPv6 address.</summary>
    public static bool IsIPAddress(string text) =>
        TryParseIPv4(text, out _)
        || (text.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6);

    /// <summary>
    /// <c>address/prefix</c> for IPv4 (prefix 0..32) or IPv6 (prefix 0..128). Host bits may be set; callers that need a
    /// network address check <see cref="HasHostBits"/>.
    /// </summary>
    public static bool TryParseCidr(string text, out IPAddress address, out int prefix)
    {
        address = IPAddress.None;
        prefix = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var ip = text[..slash];
        var bits = text[(slash + 1)..];
        if (bits.Length is 0 or > 3 || (bits.Length > 1 && bits[0] == '0') || !bits.All(char.IsAsciiDigit))
        {
            return false;
        }

        prefix = int.Parse(bits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (TryParseIPv4(ip, out var v4))
        {
            address = new IPAddress([(byte)(v4 >> 24), (byte)(v4 >> 16), (byte)(v4 >> 8), (byte)v4]);
            return prefix <= 32;
        }

        if (ip.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(ip, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = v6;
            return prefix <= 128;
        }

        return false;
    }

    /// <summary>Whether <paramref name="address"/> has bits set beyond the first <paramref name="prefix"/> bits.</summary>
    public static bool HasHostBits(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The netmask of an IPv4 prefix length (0..32).</summary>
    public static uint IPv4Mask(int prefix) => prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
}
