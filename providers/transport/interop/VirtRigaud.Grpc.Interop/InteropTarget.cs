using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Interop;

/// <summary>The server an interop client calls and how it connects: h2c, or TLS with optional CA, client certificate and name override.</summary>
public sealed record InteropTarget(string Host, int Port)
{
    /// <summary>Connect with TLS instead of h2c.</summary>
    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: PEM file of the CA certificates the server must chain to; <c>null</c> = the system roots.</summary>
    public string? CaPath { get; init; }

    /// <summary>With <see cref="Tls"/>: PEM client certificate to present (with <see cref="KeyPath"/>), or <c>null</c>.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>With <see cref="Tls"/>: the name the server certificate must carry instead of <see cref="Host"/>.</summary>
    public string? ServerHostOverride { get; init; }

    /// <summary>The <c>http://</c> (h2c) or <c>https://</c> address of the server.</summary>
    public Uri Address => new UriBuilder(Tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port).Uri;

    /// <summary>
    /// A channel to the server. The client certificate, when given, is loaded through a <see cref="CertificateReloader"/>
    /// owned by the returned channel holder.
    /// </summary>
    public InteropChannel CreateChannel()
    {
        if (!Tls)
        {
            return new InteropChannel(GrpcChannel.ForAddress(Address), clientCertificate: null);
        }

        var clientCertificate = CertificatePath is null
            ? null
            : CertificateReloader.Start(new CertificateReloaderOptions { CertificatePath = CertificatePath, KeyPath = KeyPath! });
        try
        {
            SslClientAuthenticationOptions ssl;
            if (CaPath is null)
            {
                ssl = new SslClientAuthenticationOptions { TargetHost = ServerHostOverride ?? Host };
                if (clientCertificate is not null)
                {
                    ssl.ClientCertificates = [clientCertificate.Current];
                }
            }
            else
            {
                var trusted = new X509Certificate2Collection();
                trusted.ImportFromPemFile(CaPath);
                ssl = GrpcTls.ClientOptions(clientCertificate, trusted, ServerHostOverride ?? Host);
            }

            var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { SslOptions = ssl });
            return new InteropChannel(channel, clientCertificate);
        }
        catch
        {
            clientCertificate?.Dispose();
            throw;
        }
    }
}
