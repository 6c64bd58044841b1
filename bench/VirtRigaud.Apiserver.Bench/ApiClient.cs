using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// HTTP/2 clients of the server, authenticated with the admin client certificate the server wrote under
/// <c>pki/</c> and trusting only the server's generated CA, as kubectl with the generated kubeconfig does. Every
/// client has its own handler, so its own connection: requests of one client share one HTTP/2 connection as
/// client-go's do.
/// </summary>
internal static class ApiClient
{
    public const string VmPath = "/apis/infra.virtrigaud.io/v1beta1/namespaces/{0}/virtualmachines";

    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static HttpClient Create(string dataDirectory, int port)
    {
        var pki = Path.Combine(dataDirectory, "pki");
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "admin.crt"), Path.Combine(pki, "admin.key"));
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = false,
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
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>The server certificate chains to the generated CA (the only trust anchor; its name is 127.0.0.1).</summary>
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
