using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Sdk.Security;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Provider.Sdk.Tests.Security;

public sealed class MutualTlsTests : IDisposable
{
    private readonly TlsMaterial _tls = new();

    public void Dispose() => _tls.Dispose();

    [Fact]
    public async Task Call_ClientCertificateFromTheCa_Served()
    {
        using var client = _tls.ClientCertificate("virtrigaud-manager");
        await using var provider = await StartAsync(client);

        var response = await provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" });

        Assert.True(response.Exists);
        Assert.Equal(ProviderTransportSecurity.MutualTls, provider.Server.Security);
        Assert.Equal("https", provider.Server.GrpcAddress.Scheme);
        Assert.DoesNotContain("PLAINTEXT", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_NoClientCertificate_HandshakeRefused()
    {
        await using var provider = await StartAsync(client: null);

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" }));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Fact]
    public async Task Call_ClientCertificateFromAnotherCa_HandshakeRefused()
    {
        using var stranger = TestCertificateAuthority.Create("stranger CA");
        using var client = _tls.ClientCertificate("virtrigaud-manager", issuer: stranger);
        await using var provider = await StartAsync(client);

        var e = await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" }));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }

    [Theory]
    [InlineData("manager.virtrigaud-system.svc", null)]
    [InlineData("virtrigaud-manager", null)]
    [InlineData("someone-else", StatusCode.PermissionDenied)]
    public async Task Call_AllowList_DnsSanOrCnDecides(string allowed, StatusCode? expected)
    {
        using var client = _tls.ClientCertificate("virtrigaud-manager", ["manager.virtrigaud-system.svc"]);
        await using var provider = await StartAsync(client, allowed);

        var failure = await Record.ExceptionAsync(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" }));

        Assert.Equal(expected, (failure as RpcException)?.StatusCode);
        if (expected is not null)
        {
            Assert.Contains("virtrigaud_provider_rpc_requests_total{code=\"PermissionDenied\",method=\"Describe\"} 1", await provider.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HotReload_RotatedServerCertificate_NewConnectionsGetIt()
    {
        using var client = _tls.ClientCertificate("virtrigaud-manager");
        var seen = new List<string>();
        await using var provider = await StartAsync(client, observeServer: seen);
        await provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" });
        var first = Assert.Single(seen);

        var rotated = _tls.RotateServerCertificate();
        provider.Server.TlsCertificate!.TryReload();
        Assert.Equal(rotated, provider.Server.TlsCertificate.Current.SerialNumber);

        using var channel = GrpcChannel.ForAddress(provider.Server.GrpcAddress, ChannelOptions(client, seen));
        await new Contract.ProviderClient(channel).DescribeAsync(new DescribeRequest { Id = "vm-1" });
        Assert.Equal([first, rotated], seen);
    }

    private Task<InProcessProvider> StartAsync(CertificateReloader? client, string? allowedSans = null, List<string>? observeServer = null) =>
        InProcessProvider.StartAsync(
            o => o with
            {
                TlsDirectory = _tls.TlsDirectory,
                InsecureOptIn = false,
                AllowedSans = ClientCertificateAuthorizer.ParseAllowList(allowedSans),
            },
            channelOptions: ChannelOptions(client, observeServer));

    private GrpcChannelOptions ChannelOptions(CertificateReloader? client, List<string>? observeServer)
    {
        var ssl = _tls.ClientOptions(client);
        if (observeServer is not null)
        {
            var verify = ssl.RemoteCertificateValidationCallback!;
            ssl.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                lock (observeServer)
                {
                    observeServer.Add(((X509Certificate2)certificate!).SerialNumber);
                }

                return verify(sender, certificate, chain, errors);
            };
        }

        return new GrpcChannelOptions { SslOptions = ssl };
    }
}
