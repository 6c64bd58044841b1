using Microsoft.Extensions.Options;
using VirtRigaud.Apiserver.Hosting;

namespace VirtRigaud.Apiserver.Tests.Hosting;

public sealed class ApiServerOptionsTests
{
    public static TheoryData<ApiServerOptions, string> InvalidOptions => new()
    {
        { new() { Port = 70000 }, "Port" },
        { new() { BindAddress = "localhost" }, "--bind-address localhost is not an IP address" },
        { new() { TlsCertFile = "/etc/hostname" }, "--tls-cert-file and --tls-private-key-file go together" },
        { new() { EtcdServers = ["http://e:2379"], EtcdKeyFile = "/etc/hostname" }, "--etcd-certfile and --etcd-keyfile go together" },
        { new() { EtcdCaFile = "/etc/hostname" }, "need --etcd-servers" },
        { new() { EtcdServers = ["e:2379"] }, "--etcd-servers: e:2379 is not an http:// or https:// URL" },
        { new() { EtcdPrefix = "registry" }, "--etcd-prefix registry must start with /" },
        { new() { TokenAuthFile = "/nonexistent/tokens.csv" }, "--token-auth-file /nonexistent/tokens.csv: no such file" },
        { new() { Http2MaxStreamsPerConnection = 100 }, "Http2MaxStreamsPerConnection" },
        { new() { CompactionInterval = TimeSpan.FromSeconds(-1) }, "CompactionInterval" },
        { new() { CertificateRenewBefore = TimeSpan.FromDays(400) }, "renewal margin" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task StartAsync_InvalidOptions_ThrowsNamingTheProblem(ApiServerOptions options, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiServer.StartAsync(options with { DataDirectory = "/nonexistent/never-created" }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/nonexistent/never-created"));
    }
}
