using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>
/// Identities derived from names, so that the same VM gets the same MAC, IP and disk content on every run:
/// <code>
/// MAC         52:54:00 (QEMU's OUI) + 3 bytes of SHA-256("mac/&lt;vm&gt;/&lt;nic index&gt;")
/// subnet      10.a.b.0/24, a.b = 2 bytes of SHA-256("net/&lt;network&gt;")
/// IP          host part 2..253 from SHA-256("ip/&lt;vm&gt;/&lt;network&gt;"); the next free one on a collision
/// content id  32 hex digits of SHA-256(seed)
/// </code>
/// Pure; thread-safe.
/// </summary>
internal static class DeterministicIdentity
{
    private const int FirstHost = 2;
    private const int HostCount = 252;

    public static string MacAddress(string vmName, int index)
    {
        var h = Hash($"mac/{vmName}/{index.ToString(CultureInfo.InvariantCulture)}");
        return string.Create(CultureInfo.InvariantCulture, $"52:54:00:{h[0]:x2}:{h[1]:x2}:{h[2]:x2}");
    }

    /// <summary>A free address for <paramref name="vmName"/> on <paramref name="network"/>, avoiding <paramref name="taken"/>.</summary>
    public static string IpAddress(string vmName, string network, IReadOnlySet<string> taken)
    {
        var net = Hash($"net/{network}");
        var start = (int)(BitConverter.ToUInt32(Hash($"ip/{vmName}/{network}"), 0) % HostCount);
        for (var i = 0; i < HostCount; i++)
        {
            var host = FirstHost + ((start + i) % HostCount);
            var candidate = string.Create(CultureInfo.InvariantCulture, $"10.{net[0]}.{net[1]}.{host}");
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        // A full /24: share an address rather than fail; the mock has no real network to break.
        return string.Create(CultureInfo.InvariantCulture, $"10.{net[0]}.{net[1]}.{FirstHost + start}");
    }

    public static string ContentId(string seed) => Convert.ToHexStringLower(Hash(seed))[..32];

    /// <summary>A short stable digest for identifiers (12 hex digits).</summary>
    public static string ShortHash(string text) => Convert.ToHexStringLower(Hash(text))[..12];

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
