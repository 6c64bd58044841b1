using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Controllers.Bench;

/// <summary>
/// An HTTP/2 client of the API server with the admin client certificate it generated under <c>pki/</c>, trusting only
/// its CA, as kubectl with the generated kubeconfig does.
/// </summary>
internal static class ApiClient
{
    public static HttpClient Create(string dataDirectory, int port)
    {
        var pki = Path.Combine(dataDirectory, "pki");
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "admin.crt"), Path.Combine(pki, "admin.key"));
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, presented, _, errors) => Trusted(ca, presented, errors),
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is not X509Certificate2 leaf || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
