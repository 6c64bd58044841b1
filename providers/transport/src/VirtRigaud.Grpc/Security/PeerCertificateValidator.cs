using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// The one place that decides whether a peer's certificate is acceptable: it chains to one of the given CA
/// certificates and nothing else, is valid now, is meant for the role it is used in (EKU), and — for servers — names
/// the host we dialled in a DNS or IP subject alternative name.
/// </summary>
/// <remarks>
/// The chain SslStream built before calling us used the platform's default policy (system roots), so it is only a
/// source of the intermediates the peer sent; the verdict comes from a chain built here:
/// <list type="table">
///   <listheader><term>policy</term><description>value and reason</description></listheader>
///   <item><term>TrustMode</term><description>CustomRootTrust with our CA only: a system root must never vouch for a peer</description></item>
///   <item><term>RevocationMode</term><description>NoCheck: our short-lived certificates carry no CRL or OCSP endpoints</description></item>
///   <item><term>DisableCertificateDownloads</term><description>no AIA fetches from inside a handshake</description></item>
///   <item><term>ApplicationPolicy</term><description>clientAuth or serverAuth; a leaf without EKU is valid for any use (RFC 5280)</description></item>
/// </list>
/// </remarks>
internal static class PeerCertificateValidator
{
    /// <summary>id-kp-serverAuth (RFC 5280 §4.2.1.12).</summary>
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth (RFC 5280 §4.2.1.12).</summary>
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// Returns <see langword="null"/> when <paramref name="certificate"/> is acceptable, otherwise a reason fit for a log
    /// line (chain status flags or the name mismatch).
    /// </summary>
    /// <param name="certificate">The peer's leaf certificate.</param>
    /// <param name="presented">Further certificates the peer sent (intermediates); may contain the leaf and is only a hint.</param>
    /// <param name="authorities">The CA certificates the chain must end in.</param>
    /// <param name="requiredUsageOid">The extended key usage the leaf must allow.</param>
    /// <param name="expectedHost">The DNS name or IP address the leaf must name, or <see langword="null"/> for clients.</param>
    /// <param name="verificationTime">The instant the certificates must be valid at.</param>
    public static string? Validate(
        X509Certificate2 certificate,
        X509Certificate2Collection? presented,
        X509Certificate2Collection authorities,
        string requiredUsageOid,
        string? expectedHost,
        DateTimeOffset verificationTime)
    {
        if (authorities.Count == 0)
        {
            return "no CA certificate is trusted";
        }

        using (var chain = new X509Chain())
        {
            var policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(authorities);
            policy.RevocationMode = X509RevocationMode.NoCheck;
            policy.DisableCertificateDownloads = true;
            policy.VerificationTime = verificationTime.UtcDateTime;
            policy.ApplicationPolicy.Add(new Oid(requiredUsageOid));
            if (presented is not null)
            {
                policy.ExtraStore.AddRange(presented);
            }

            try
            {
                if (!chain.Build(certificate))
                {
                    var flags = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct(StringComparer.Ordinal);
                    return "certificate chain is not valid: " + string.Join(", ", flags);
                }
            }
            finally
            {
                foreach (var element in chain.ChainElements)
                {
                    if (!ReferenceEquals(element.Certificate, certificate))
                    {
                        element.Certificate.Dispose();
                    }
                }
            }
        }

        if (expectedHost is not null && !MatchesHost(certificate, expectedHost))
        {
            return $"certificate does not name \"{expectedHost}\" in a DNS or IP subject alternative name";
        }

        return null;
    }

    /// <summary>
    /// RFC 6125 matching against subject alternative names only: the common name is a legacy fallback every modern
    /// TLS stack (Go, Chrome, grpc C-core) has dropped. An IP literal matches only an IP SAN.
    /// </summary>
    public static bool MatchesHost(X509Certificate2 certificate, string host)
    {
        // A URI's host keeps the brackets of an IPv6 literal ("[::1]"); the SAN holds the bare address.
        var bare = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        try
        {
            return certificate.MatchesHostname(bare, allowWildcards: true, allowCommonName: false);
        }
        catch (ArgumentException)
        {
            // Not a valid DNS name or IP address: nothing can match it.
            return false;
        }
        catch (CryptographicException)
        {
            // Undecodable or duplicated SAN extension: such a certificate names nobody.
            return false;
        }
    }
}
