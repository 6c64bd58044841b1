using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// Mutual TLS for the gRPC transport: TLS 1.3 only, both sides present certificates, both sides verify the other
/// against a pinned CA (never the system roots), and certificates come from a <see cref="CertificateReloader"/> on
/// every handshake so that rotated files take effect without a restart.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>check</term><description>server verifying a client / client verifying a server</description></listheader>
///   <item><term>protocol</term><description>TLS 1.3 / TLS 1.3 (a TLS 1.2 peer fails the handshake)</description></item>
///   <item><term>trust</term><description>chain to the reloader's CA file / chain to the given CA certificates</description></item>
///   <item><term>usage</term><description>EKU clientAuth / EKU serverAuth</description></item>
///   <item><term>name</term><description>none (authorise by subject in an interceptor) / target host in a DNS or IP SAN</description></item>
///   <item><term>revocation</term><description>not checked / not checked (short-lived certificates, no CRL endpoints)</description></item>
/// </list>
/// </remarks>
public static class GrpcTls
{
    /// <summary>
    /// Serves TLS 1.3 on <paramref name="listen"/> with the reloader's current certificate, chosen again for every
    /// handshake, and verifies client certificates against the reloader's CA file. Kestrel negotiates ALPN from
    /// <see cref="ListenOptions.Protocols"/> (gRPC needs <c>h2</c>).
    /// </summary>
    /// <param name="listen">The endpoint to secure.</param>
    /// <param name="server">The server's certificate source; it must have a CA file (<see cref="CertificateReloaderOptions.CaPath"/>).</param>
    /// <param name="requireClientCertificate">
    /// When <see langword="false"/>, a client that sends no certificate is let in (its <c>ClientCertificate</c> is
    /// null); a client that sends one must still pass verification.
    /// </param>
    /// <exception cref="ArgumentException">The reloader has no CA file to verify clients with.</exception>
    public static ListenOptions UseMutualTls(this ListenOptions listen, CertificateReloader server, bool requireClientCertificate = true)
    {
        if (!server.HasAuthorities)
        {
            throw new ArgumentException("The server's CertificateReloader needs a CaPath to verify client certificates.", nameof(server));
        }

        var logger = (ILogger?)listen.ApplicationServices?.GetService<ILoggerFactory>()?.CreateLogger(typeof(GrpcTls).FullName!) ?? server.Logger;
        return listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = context => ValueTask.FromResult(CreateServerOptions(server, requireClientCertificate, logger, context.Connection.RemoteEndPoint?.ToString())),
        });
    }

    /// <summary>
    /// The per-handshake server options <see cref="UseMutualTls"/> uses, for servers that drive an
    /// <see cref="SslStream"/> themselves. Call it once per handshake: it captures the reloader's current material.
    /// </summary>
    /// <exception cref="ArgumentException">The reloader has no CA file to verify clients with.</exception>
    public static SslServerAuthenticationOptions ServerOptions(CertificateReloader server, bool requireClientCertificate = true, ILogger? logger = null)
    {
        if (!server.HasAuthorities)
        {
            throw new ArgumentException("The server's CertificateReloader needs a CaPath to verify client certificates.", nameof(server));
        }

        return CreateServerOptions(server, requireClientCertificate, logger ?? server.Logger, remoteEndPoint: null);
    }

    /// <summary>
    /// Client options for <see cref="System.Net.Http.SocketsHttpHandler.SslOptions"/> (or an <see cref="SslStream"/>):
    /// TLS 1.3, the reloader's current certificate presented on every handshake, and the server verified against
    /// <paramref name="trustedCa"/> and <paramref name="targetHost"/>.
    /// </summary>
    /// <param name="client">Source of the client certificate, or <see langword="null"/> to present none (server-only TLS).</param>
    /// <param name="trustedCa">The CA certificates the server must chain to; copied, and the only roots trusted.</param>
    /// <param name="targetHost">
    /// The name the server certificate must carry (and the SNI sent); <see langword="null"/> means the host of the
    /// request URI, which SocketsHttpHandler fills in. An IP address must appear as an IP SAN.
    /// </param>
    /// <param name="logger">Where rejected servers are logged; defaults to the reloader's logger.</param>
    /// <exception cref="ArgumentException"><paramref name="trustedCa"/> is empty.</exception>
    public static SslClientAuthenticationOptions ClientOptions(CertificateReloader? client, X509Certificate2Collection trustedCa, string? targetHost, ILogger? logger = null)
    {
        if (trustedCa.Count == 0)
        {
            throw new ArgumentException("At least one CA certificate must be trusted; system roots are never used.", nameof(trustedCa));
        }

        var pinned = new X509Certificate2Collection(trustedCa);
        return CreateClientOptions(client, () => pinned, targetHost, logger ?? client?.Logger ?? NullLogger.Instance, client?.TimeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Client options that trust the CA file of <paramref name="client"/>, re-read with every handshake, so a rotated
    /// CA bundle takes effect like a rotated certificate.
    /// </summary>
    /// <exception cref="ArgumentException">The reloader has no CA file.</exception>
    public static SslClientAuthenticationOptions ClientOptions(CertificateReloader client, string? targetHost)
    {
        if (!client.HasAuthorities)
        {
            throw new ArgumentException("The client's CertificateReloader needs a CaPath to verify the server.", nameof(client));
        }

        return CreateClientOptions(client, () => client.Bundle.Authorities, targetHost, client.Logger, client.TimeProvider);
    }

    private static SslServerAuthenticationOptions CreateServerOptions(CertificateReloader server, bool requireClientCertificate, ILogger logger, string? remoteEndPoint)
    {
        // One snapshot per handshake: the certificate presented and the CA that judges the client come from one load.
        var bundle = server.Bundle;
        var clock = server.TimeProvider;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = bundle.Context,
            EnabledSslProtocols = SslProtocols.Tls13,
            // Always ask: without a CertificateRequest a client never sends its certificate, even when it has one.
            ClientCertificateRequired = true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null)
                {
                    if (requireClientCertificate)
                    {
                        SecurityLog.ClientCertificateMissing(logger, remoteEndPoint);
                        return false;
                    }

                    return true;
                }

                var reason = ValidatePeer(certificate, chain, bundle.Authorities, PeerCertificateValidator.ClientAuthenticationOid, expectedHost: null, clock);
                if (reason is not null)
                {
                    SecurityLog.ClientCertificateRejected(logger, certificate.Subject, certificate.GetSerialNumberString(), remoteEndPoint, reason);
                    return false;
                }

                return true;
            },
        };
    }

    private static SslClientAuthenticationOptions CreateClientOptions(
        CertificateReloader? client,
        Func<X509Certificate2Collection> authorities,
        string? targetHost,
        ILogger logger,
        TimeProvider clock)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (sender, certificate, chain, _) =>
            {
                // SocketsHttpHandler copies these options per connection and fills TargetHost from the request URI;
                // the stream knows the name actually dialled.
                var host = targetHost ?? (sender as SslStream)?.TargetHostName;
                if (certificate is null)
                {
                    SecurityLog.ServerCertificateMissing(logger, host);
                    return false;
                }

                var reason = string.IsNullOrEmpty(host)
                    ? "no target host to verify the certificate's name against"
                    : ValidatePeer(certificate, chain, authorities(), PeerCertificateValidator.ServerAuthenticationOid, host, clock);
                if (reason is not null)
                {
                    SecurityLog.ServerCertificateRejected(logger, certificate.Subject, certificate.GetSerialNumberString(), host, reason);
                    return false;
                }

                return true;
            },
        };

        if (client is not null)
        {
            // Asked per handshake, so a reloaded client certificate is used by the next connection.
            options.LocalCertificateSelectionCallback = (_, _, _, _, _) => client.Current;
        }

        return options;
    }

    private static string? ValidatePeer(X509Certificate certificate, X509Chain? chain, X509Certificate2Collection authorities, string usageOid, string? expectedHost, TimeProvider clock)
    {
        // SslStream hands out X509Certificate2 on every platform today; the copy covers a base-class instance.
        if (certificate is X509Certificate2 leaf)
        {
            return PeerCertificateValidator.Validate(leaf, chain?.ChainPolicy.ExtraStore, authorities, usageOid, expectedHost, clock.GetUtcNow());
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return PeerCertificateValidator.Validate(copy, chain?.ChainPolicy.ExtraStore, authorities, usageOid, expectedHost, clock.GetUtcNow());
    }
}
