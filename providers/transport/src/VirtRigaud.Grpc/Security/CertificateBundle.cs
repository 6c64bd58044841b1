using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// One consistent load of a certificate, its key, its intermediates and the CA certificates that peers must chain to.
/// Immutable once built: a handshake takes one bundle and uses nothing else, so a reload in the middle of a handshake
/// can never pair the new certificate with the old CA.
/// </summary>
internal sealed class CertificateBundle
{
    private CertificateBundle(
        X509Certificate2 certificate,
        X509Certificate2Collection intermediates,
        X509Certificate2Collection authorities,
        SslStreamCertificateContext context,
        byte[] fingerprint)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Authorities = authorities;
        Context = context;
        Fingerprint = fingerprint;
    }

    /// <summary>The leaf certificate with a private key SslStream can use on every platform.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Certificates after the leaf in the certificate file, sent to the peer to complete the chain.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The CA certificates from the CA file; empty when no CA file is configured. Never mutated.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>The certificate and intermediates prepared once for SslStream, so handshakes do not rebuild the chain.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>SHA-256 over the bytes this bundle was loaded from; equal fingerprints mean unchanged files.</summary>
    public byte[] Fingerprint { get; }

    /// <summary>Reads the three files once; the bytes read are the bytes hashed and the bytes parsed.</summary>
    /// <exception cref="IOException">A file is missing or unreadable.</exception>
    /// <exception cref="UnauthorizedAccessException">A file is not readable by this process.</exception>
    public static PemFileContents Read(CertificateReloaderOptions options)
    {
        var certificate = File.ReadAllBytes(options.CertificatePath);
        var key = File.ReadAllBytes(options.KeyPath);
        var ca = options.CaPath is null ? null : File.ReadAllBytes(options.CaPath);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendPart(hash, certificate);
        AppendPart(hash, key);
        AppendPart(hash, ca ?? []);
        return new PemFileContents(certificate, key, ca, hash.GetHashAndReset());
    }

    /// <summary>Parses what <see cref="Read"/> returned.</summary>
    /// <exception cref="CryptographicException">
    /// A file holds no PEM of the expected kind, the PEM is malformed, or the key does not belong to the certificate —
    /// the usual picture while a writer has replaced one file but not yet the other.
    /// </exception>
    public static CertificateBundle Load(PemFileContents files)
    {
        var certificatePem = Encoding.ASCII.GetString(files.Certificate);
        var keyPem = Encoding.ASCII.GetString(files.Key);

        X509Certificate2 certificate;
        using (var parsed = ParseCertificateWithKey(certificatePem, keyPem))
        {
            // A key imported from PEM is ephemeral. OpenSSL can use it, SChannel cannot, and some SslStream paths want
            // a key that can be exported into the platform's TLS stack; a PKCS#12 round trip gives an ordinary key
            // everywhere. The export is wiped as soon as it is read back.
            var pkcs12 = parsed.Export(X509ContentType.Pkcs12);
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs12);
            }
        }

        var all = new X509Certificate2Collection();
        all.ImportFromPem(certificatePem);
        var intermediates = new X509Certificate2Collection();
        foreach (var candidate in all)
        {
            if (candidate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
            {
                candidate.Dispose();
            }
            else
            {
                intermediates.Add(candidate);
            }
        }

        var authorities = new X509Certificate2Collection();
        if (files.Ca is not null)
        {
            authorities.ImportFromPem(Encoding.ASCII.GetString(files.Ca));
            if (authorities.Count == 0)
            {
                throw new CryptographicException("The CA file contains no PEM certificate.");
            }
        }

        // Offline: building the chain must never fetch issuers over the network (AIA) on the reload thread. On Linux the
        // CA names also go into the server's CertificateRequest, so a client holding several certificates (OpenSSL,
        // grpc C-core) offers the one our CA issued; other platforms cannot send a collection-based list.
        var trust = authorities.Count > 0 && OperatingSystem.IsLinux()
            ? SslCertificateTrust.CreateForX509Collection(authorities, sendTrustInHandshake: true)
            : null;
        var context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true, trust);
        return new CertificateBundle(certificate, intermediates, authorities, context, files.Fingerprint);
    }

    private static X509Certificate2 ParseCertificateWithKey(string certificatePem, string keyPem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (ArgumentException exception)
        {
            // What CreateFromPem throws when the key belongs to another certificate — the normal state between a
            // writer's two renames. One exception type for "these files are not usable" keeps callers simple.
            throw new CryptographicException("The private key does not belong to the certificate.", exception);
        }
    }

    private static void AppendPart(IncrementalHash hash, byte[] part)
    {
        // Length-prefixed so that moving bytes from one file to the next never yields the same fingerprint.
        Span<byte> length = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
