using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>One etcd member: its channel (one HTTP/2 connection pool) and the tracker of that pool's connections.</summary>
internal sealed class EtcdEndpoint : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly SocketsHttpHandler _handler;

    public EtcdEndpoint(Uri address, EtcdClientOptions options)
    {
        Address = address;
        _handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectCallback = Tracker.ConnectAsync,
            ConnectTimeout = options.DialTimeout,
            KeepAlivePingDelay = options.KeepAliveTime,
            KeepAlivePingTimeout = options.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            SslOptions = address.Scheme == Uri.UriSchemeHttps ? CreateSslOptions(options) : new SslClientAuthenticationOptions(),
        };
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = _handler,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            TimeProvider = options.TimeProvider,
        });
        Invoker = _channel.CreateCallInvoker();
    }

    public Uri Address { get; }

    public CallInvoker Invoker { get; }

    public ConnectionTracker Tracker { get; } = new();

    public void Dispose()
    {
        _channel.Dispose();
        _handler.Dispose();
    }

    public override string ToString() => Address.ToString();

    /// <summary>
    /// TLS as etcd serves it (Go's crypto/tls: TLS 1.2 or 1.3): the server must chain to the configured CA only and
    /// name the host we dialled; the client certificate is presented when one is configured.
    /// </summary>
    private static SslClientAuthenticationOptions CreateSslOptions(EtcdClientOptions options)
    {
        var authorities = options.TrustedCaCertificates is { Count: > 0 } trusted
            ? new X509Certificate2Collection(trusted)
            : throw new ArgumentException("https etcd endpoints need TrustedCaCertificates", nameof(options));
        var clock = options.TimeProvider;
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = options.ClientCertificate is { } certificate ? [certificate] : null,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                // The platform judged the chain against system roots; only its name check is kept.
                if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
                {
                    return false;
                }

                using var own = new X509Chain();
                own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                own.ChainPolicy.CustomTrustStore.AddRange(authorities);
                own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                own.ChainPolicy.DisableCertificateDownloads = true;
                own.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
                if (chain is not null)
                {
                    foreach (var element in chain.ChainElements)
                    {
                        own.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }

                return own.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            },
        };
    }
}
