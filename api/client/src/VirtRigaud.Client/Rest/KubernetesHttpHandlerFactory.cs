using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using VirtRigaud.Client.Authentication;
using VirtRigaud.Client.Configuration;

namespace VirtRigaud.Client.Rest;

/// <summary>
/// Builds the HTTP pipeline of a configuration: authentication (token / token file / exec / basic, impersonation)
/// over one <see cref="SocketsHttpHandler"/> that speaks HTTP/2 when the server offers it (ALPN) and HTTP/1.1
/// otherwise, trusts only the configured CA bundle (custom root trust, no system roots) or nothing at all when
/// insecure, presents the client certificate (static or from the exec plugin), pings idle HTTP/2 connections (so a
/// dead connection under a watch is noticed, as client-go's HTTP/2 health check does) and opens further HTTP/2
/// connections when one is full of streams.
/// </summary>
internal static class KubernetesHttpHandlerFactory
{
    /// <summary>HTTP/2 PING after this much silence (client-go's ReadIdleTimeout).</summary>
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(30);

    /// <summary>A PING unanswered this long closes the connection (client-go's PingTimeout).</summary>
    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(15);

    /// <summary>TCP connect limit (client-go's dialer timeout).</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the pipeline; the returned disposables (the exec source) live as long as the handler.</summary>
    public static (HttpMessageHandler Handler, IDisposable? Owned) Create(KubernetesClientConfiguration configuration, TimeProvider time, ILogger logger)
    {
        ExecCredentialSource? exec = configuration.Exec is null
            ? null
            : new ExecCredentialSource(configuration.Exec, ExecClusterInfo(configuration), time, logger);
        IBearerTokenSource? tokens = exec;
        if (configuration.BearerToken is { Length: > 0 } token)
        {
            tokens = new StaticTokenSource(token);
        }
        else if (configuration.BearerTokenFile is { Length: > 0 } file)
        {
            tokens = new FileTokenSource(file, configuration.TokenFileRefreshInterval, time, logger);
        }

        var basic = configuration.Username is null
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(configuration.Username + ":" + configuration.Password)));

        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = KeepAlivePingDelay,
            KeepAlivePingTimeout = KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = ConnectTimeout,
            AutomaticDecompression = configuration.DisableCompression ? DecompressionMethods.None : DecompressionMethods.GZip,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ValidateServer(configuration, certificate, chain, errors),
            },
        };
        if (configuration.Proxy is not null)
        {
            sockets.Proxy = new WebProxy(configuration.Proxy);
            sockets.UseProxy = true;
        }

        if (configuration.TlsServerName is not null)
        {
            sockets.SslOptions.TargetHost = configuration.TlsServerName;
        }

        if (configuration.ClientCertificate is not null)
        {
            sockets.SslOptions.ClientCertificates = [configuration.ClientCertificate];
        }
        else if (exec is not null)
        {
            // The plugin may return a certificate; it has run (for the request's token) before the handshake asks.
            sockets.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => exec.CurrentClientCertificate!;
        }

        HttpMessageHandler handler = tokens is null && basic is null && configuration.Impersonate is null
            ? sockets
            : new AuthenticationHandler(tokens, basic, configuration.Impersonate, logger, sockets);
        return (handler, exec);
    }

    /// <summary>
    /// Verifies the serving certificate: anything when insecure; else its name against <c>tls-server-name</c> (or the
    /// URL's host, as the platform checked) and its chain against the configured CA bundle only (custom root trust,
    /// no revocation fetches), or against the system store when no CA is configured.
    /// </summary>
    internal static bool ValidateServer(KubernetesClientConfiguration configuration, X509Certificate? presented, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (configuration.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (configuration.TlsServerName is not null)
        {
            if (!certificate.MatchesHostname(configuration.TlsServerName))
            {
                return false;
            }
        }
        else if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        if (configuration.CertificateAuthorities is not { Count: > 0 } authorities)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;

        // Intermediates the server sent may complete the path to one of the configured roots.
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }

    private static ExecCluster ExecClusterInfo(KubernetesClientConfiguration configuration) => new()
    {
        Server = configuration.Server.ToString().TrimEnd('/'),
        TlsServerName = configuration.TlsServerName,
        InsecureSkipTlsVerify = configuration.InsecureSkipTlsVerify ? true : null,
        CertificateAuthorityData = configuration.CertificateAuthorities is { Count: > 0 } authorities
            ? Encoding.UTF8.GetBytes(string.Concat(authorities.Select(c => c.ExportCertificatePem() + "\n")))
            : null,
        ProxyUrl = configuration.Proxy?.ToString(),
        DisableCompression = configuration.DisableCompression ? true : null,
    };
}
