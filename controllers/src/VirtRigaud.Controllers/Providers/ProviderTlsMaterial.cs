using System.Security.Cryptography;
using System.Text;

namespace VirtRigaud.Controllers.Providers;

/// <summary>
/// The manager's side of manager↔provider mTLS (§6.1): the client certificate and key and the CA that must have issued
/// the provider's certificate, as PEM. For Remote and External providers this is the Provider's TLS Secret
/// (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>); for Local providers the manager's own loopback CA. Never logged:
/// <see cref="ToString"/> names no key material.
/// </summary>
public sealed record ProviderTlsMaterial
{
    /// <summary>The client certificate chain (PEM).</summary>
    public required string CertificatePem { get; init; }

    /// <summary>The client private key (PEM). Secret.</summary>
    public required string KeyPem { get; init; }

    /// <summary>The CA certificates trusted for the provider's certificate (PEM); the only roots trusted.</summary>
    public required string CaPem { get; init; }

    /// <summary>The name the provider's certificate must carry (and the SNI sent).</summary>
    public required string ServerName { get; init; }

    /// <summary>Skip verifying the provider's certificate (<c>runtime.service.tls.insecureSkipVerify</c>).</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>A digest of the material, to notice rotation without keeping a second copy around.</summary>
    public string Fingerprint()
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', CertificatePem, KeyPem, CaPem, ServerName, InsecureSkipVerify ? "1" : "0")));
        return Convert.ToHexString(digest);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ProviderTlsMaterial {{ ServerName = {ServerName}, InsecureSkipVerify = {InsecureSkipVerify} }}";
}
