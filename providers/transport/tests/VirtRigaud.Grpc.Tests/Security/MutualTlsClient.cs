using System.Net;
using System.Net.Security;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>
/// One HTTP/2 request over a brand-new connection (a new handler each time, so nothing is pooled), recording the
/// serial number of the certificate the server presented.
/// </summary>
internal static class MutualTlsClient
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    public static async Task<MutualTlsResponse> GetAsync(int port, SslClientAuthenticationOptions options, string host = "127.0.0.1")
    {
        string? serverSerial = null;
        var verify = options.RemoteCertificateValidationCallback!;
        options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            serverSerial = certificate?.GetSerialNumberString();
            return verify(sender, certificate, chain, errors);
        };

        using var handler = new SocketsHttpHandler { SslOptions = options, ConnectTimeout = RequestTimeout };
        using var client = new HttpClient(handler)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = RequestTimeout,
        };

        var body = await client.GetStringAsync(new Uri($"https://{host}:{port}/"));
        return new MutualTlsResponse(body, serverSerial);
    }
}
