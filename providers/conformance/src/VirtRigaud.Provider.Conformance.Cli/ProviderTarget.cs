using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Provider.Conformance.Cli;

/// <summary>
/// The provider the tool calls and how: h2c (<c>--insecure</c>), or TLS 1.3 that trusts only the given CA, with an
/// optional client certificate (providers require one) and an optional name the server certificate must carry.
/// Immutable.
/// </summary>
internal sealed record ProviderTarget
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: PEM CA certificate(s) the provider's certificate must chain to (required).</summary>
    public string? CaPath { get; init; }

    /// <summary>With <see cref="Tls"/>: PEM client certificate (with <see cref="KeyPath"/>).</summary>
    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>With <see cref="Tls"/>: the name the provider's certificate must carry and the SNI; default <see cref="Host"/>.</summary>
    public string? ServerName { get; init; }

    /// <summary>The <c>host:port</c> form, as given.</summary>
    public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public Uri Address => new UriBuilder(Tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port).Uri;

    /// <summary>Parses <c>host:port</c> (<c>[v6]:port</c> for IPv6 literals).</summary>
    /// <exception cref="FormatException">Not a host and a port in 1–65535.</exception>
    public static (string Host, int Port) ParseAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1)
        {
            throw new FormatException($"address \"{address}\" is not host:port");
        }

        var host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"address \"{address}\": write an IPv6 address in brackets, [::1]:9443");
        }

        if (!int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"address \"{address}\": port must be 1-65535");
        }

        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException($"address \"{address}\": \"{host}\" is not a host name or IP address");
        }

        return (host, port);
    }

    /// <summary>
    /// A channel to the provider, with the client certificate (if any) loaded through a <see cref="CertificateReloader"/>
    /// that the returned holder owns.
    /// </summary>
    /// <exception cref="IOException">A PEM file cannot be read.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A PEM file does not hold what it should.</exception>
    public ProviderChannel CreateChannel()
    {
        if (!Tls)
        {
            return new ProviderChannel(GrpcChannel.ForAddress(Address), clientCertificate: null);
        }

        var clientCertificate = CertificatePath is null
            ? null
            : CertificateReloader.Start(new CertificateReloaderOptions { CertificatePath = CertificatePath, KeyPath = KeyPath!, WatchFileSystem = false });
        try
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(CaPath!);
            var ssl = GrpcTls.ClientOptions(clientCertificate, trusted, ServerName ?? Host);
            return new ProviderChannel(GrpcChannel.ForAddress(Address, new GrpcChannelOptions { SslOptions = ssl }), clientCertificate);
        }
        catch
        {
            clientCertificate?.Dispose();
            throw;
        }
    }
}
