using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Security;

/// <summary>
/// Upstream's <c>validateTLSPeer</c>: who may call a provider served with mutual TLS. The handshake already verified
/// the certificate (chain to <c>ca.crt</c> only, clientAuth usage, validity); this decides per call:
/// <code>
/// caller                                       result
/// no client certificate on the connection      UNAUTHENTICATED
/// allow-list empty                             allowed (any certificate the CA signed)
/// a DNS SAN, a URI SAN or the CN is listed     allowed (CN checked last, for legacy CN-only certificates)
/// otherwise                                    PERMISSION_DENIED
/// </code>
/// DNS names compare case-insensitively (DNS is), URIs and the CN exactly. Immutable; thread-safe.
/// </summary>
public sealed class ClientCertificateAuthorizer
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    private readonly string[] _allowed;

    /// <summary>An authorizer for <paramref name="allowedNames"/> (blank entries ignored; empty = any certificate).</summary>
    public ClientCertificateAuthorizer(IEnumerable<string> allowedNames)
    {
        _allowed = [.. allowedNames.Select(n => n.Trim()).Where(n => n.Length > 0)];
    }

    /// <summary>The names a certificate may match.</summary>
    public IReadOnlyList<string> AllowedNames => _allowed;

    /// <summary>Parses <c>VIRTRIGAUD_PROVIDER_ALLOWED_SANS</c>: comma-separated, each entry trimmed, empty entries dropped.</summary>
    public static IReadOnlyList<string> ParseAllowList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary><c>null</c> when the call may proceed, else the status that ends it. For <see cref="AuthInterceptor"/>.</summary>
    public Status? Authorize(ServerCallContext context) => Authorize(context.ClientCertificate);

    /// <summary><c>null</c> when <paramref name="certificate"/> may call, else UNAUTHENTICATED or PERMISSION_DENIED. Pure.</summary>
    public Status? Authorize(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return new Status(StatusCode.Unauthenticated, "a verified client certificate is required");
        }

        if (_allowed.Length == 0 || Matches(certificate))
        {
            return null;
        }

        // The subject is not secret, and naming it tells the operator what to add to the allow-list.
        return new Status(StatusCode.PermissionDenied, $"client certificate \"{certificate.Subject}\" is not in {Hosting.ProviderEnvironmentVariables.AllowedSans}");
    }

    private bool Matches(X509Certificate2 certificate)
    {
        var (dnsNames, uris) = ReadSubjectAlternativeNames(certificate);
        if (dnsNames.Any(d => _allowed.Contains(d, StringComparer.OrdinalIgnoreCase))
            || uris.Any(u => _allowed.Contains(u, StringComparer.Ordinal)))
        {
            return true;
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return !string.IsNullOrEmpty(commonName) && _allowed.Contains(commonName, StringComparer.Ordinal);
    }

    /// <summary>The dNSName and uniformResourceIdentifier entries of the SAN extension (RFC 5280 §4.2.1.6); none when it is absent or malformed.</summary>
    internal static (List<string> DnsNames, List<string> Uris) ReadSubjectAlternativeNames(X509Certificate2 certificate)
    {
        var dnsNames = new List<string>();
        var uris = new List<string>();
        var extension = certificate.Extensions[SubjectAlternativeNameOid];
        if (extension is null)
        {
            return (dnsNames, uris);
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(DnsNameTag))
                {
                    dnsNames.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag));
                }
                else if (tag.HasSameClassAndValue(UriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            // A malformed extension names nobody.
            return ([], []);
        }

        return (dnsNames, uris);
    }
}
