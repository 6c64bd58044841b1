namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Parses addresses exactly as Kubernetes' <c>netutils.ParseIPSloppy</c> / <c>ParseCIDRSloppy</c> (Go 1.16 rules),
/// so that the same strings are accepted: System.Net.IPAddress is far more lenient (hex, shorthand "1.2", zones).
/// Addresses are returned in 16-byte form; IPv4 addresses as IPv4-mapped IPv6.
/// </summary>
internal static class SloppyIPParser
{
    private const int IPv4Length = 4;
    private const int IPv6Length = 16;

    // Go's dtoi/xtoi give up once a number reaches this, so huge digit runs cannot overflow.
    private const int Big = 0xFFFFFF;

    /// <summary>The address, or <c>null</c>. The first '.' or ':' decides between IPv4 and IPv6.</summary>
    public static byte[]? ParseIP(string s)
    {
        foreach (var c in s)
        {
            if (c == '.')
            {
                return ParseIPv4(s);
            }

            if (c == ':')
            {
                return ParseIPv6(s);
            }
        }

        return null;
    }

    /// <summary>Whether the 16-byte address is IPv4 (Go's <c>To4() != nil</c>): ten zero bytes, then 0xff 0xff.</summary>
    public static bool IsIPv4(byte[] ip)
    {
        for (var i = 0; i < 10; i++)
        {
            if (ip[i] != 0)
            {
                return false;
            }
        }

        return ip[10] == 0xff && ip[11] == 0xff;
    }

    /// <summary>An address and prefix length <c>ip/bits</c>; bits at most 32 for an IPv4 literal, 128 otherwise.</summary>
    public static bool TryParseCidr(string s, out byte[] ip, out int bits)
    {
        ip = [];
        bits = 0;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var address = s[..slash];
        var mask = s[(slash + 1)..];
        var maxBits = IPv4Length * 8;
        var parsed = ParseIPv4(address);
        if (parsed is null)
        {
            maxBits = IPv6Length * 8;
            parsed = ParseIPv6(address);
        }

        if (parsed is null || !TryReadNumber(mask, 0, 10, out var n, out var consumed) || consumed != mask.Length || n > maxBits)
        {
            return false;
        }

        ip = parsed;
        bits = n;
        return true;
    }

    private static byte[]? ParseIPv4(string s) => ParseIPv4(s, 0, out var end) is { } ip && end == s.Length ? ip : null;

    /// <summary>Four dotted decimal octets starting at <paramref name="start"/>; <paramref name="end"/> is where they stop.</summary>
    private static byte[]? ParseIPv4(string s, int start, out int end)
    {
        var octets = new byte[IPv4Length];
        var pos = start;
        end = start;
        for (var i = 0; i < IPv4Length; i++)
        {
            if (pos >= s.Length)
            {
                return null;
            }

            if (i > 0)
            {
                if (s[pos] != '.')
                {
                    return null;
                }

                pos++;
            }

            if (!TryReadNumber(s, pos, 10, out var n, out var consumed) || n > 0xFF)
            {
                return null;
            }

            octets[i] = (byte)n;
            pos += consumed;
        }

        end = pos;
        var ip = new byte[IPv6Length];
        ip[10] = 0xff;
        ip[11] = 0xff;
        octets.CopyTo(ip, 12);
        return ip;
    }

    private static byte[]? ParseIPv6(string s)
    {
        var ip = new byte[IPv6Length];
        var ellipsis = -1;
        var pos = 0;

        if (s.Length >= 2 && s[0] == ':' && s[1] == ':')
        {
            ellipsis = 0;
            pos = 2;
            if (pos == s.Length)
            {
                return ip;
            }
        }

        var i = 0;
        while (i < IPv6Length)
        {
            if (!TryReadNumber(s, pos, 16, out var n, out var consumed) || n > 0xFFFF)
            {
                return null;
            }

            // A group followed by '.' is really an embedded IPv4 address; it must fill the last four bytes.
            if (pos + consumed < s.Length && s[pos + consumed] == '.')
            {
                if ((ellipsis < 0 && i != IPv6Length - IPv4Length) || i + IPv4Length > IPv6Length)
                {
                    return null;
                }

                var ip4 = ParseIPv4(s, pos, out var end);
                if (ip4 is null || end != s.Length)
                {
                    return null;
                }

                Array.Copy(ip4, 12, ip, i, IPv4Length);
                pos = s.Length;
                i += IPv4Length;
                break;
            }

            ip[i] = (byte)(n >> 8);
            ip[i + 1] = (byte)n;
            i += 2;
            pos += consumed;
            if (pos == s.Length)
            {
                break;
            }

            if (s[pos] != ':' || pos + 1 == s.Length)
            {
                return null;
            }

            pos++;
            if (s[pos] == ':')
            {
                if (ellipsis >= 0)
                {
                    return null;
                }

                ellipsis = i;
                pos++;
                if (pos == s.Length)
                {
                    break;
                }
            }
        }

        if (pos != s.Length)
        {
            return null;
        }

        if (i < IPv6Length)
        {
            if (ellipsis < 0)
            {
                return null;
            }

            // Slide the groups after "::" to the end and zero the gap.
            var gap = IPv6Length - i;
            for (var j = i - 1; j >= ellipsis; j--)
            {
                ip[j + gap] = ip[j];
            }

            for (var j = ellipsis + gap - 1; j >= ellipsis; j--)
            {
                ip[j] = 0;
            }
        }
        else if (ellipsis >= 0)
        {
            // "::" must stand for at least one zero group.
            return null;
        }

        return ip;
    }

    /// <summary>The longest run of digits in <paramref name="radix"/> (10 or 16) at <paramref name="start"/>; false if none or too big.</summary>
    private static bool TryReadNumber(string s, int start, int radix, out int value, out int consumed)
    {
        value = 0;
        consumed = 0;
        for (var pos = start; pos < s.Length; pos++)
        {
            var digit = DigitValue(s[pos], radix);
            if (digit < 0)
            {
                break;
            }

            value = (value * radix) + digit;
            consumed++;
            if (value >= Big)
            {
                return false;
            }
        }

        return consumed > 0;
    }

    private static int DigitValue(char c, int radix) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' when radix == 16 => c - 'a' + 10,
        >= 'A' and <= 'F' when radix == 16 => c - 'A' + 10,
        _ => -1,
    };
}
