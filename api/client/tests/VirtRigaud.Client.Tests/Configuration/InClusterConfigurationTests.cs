using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Configuration;

public sealed class InClusterConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public InClusterConfigurationTests()
    {
        using var ca = TestCertificates.CreateCa();
        _dir.Write("token", "  the-token \n");
        _dir.Write("ca.crt", TestCertificates.CertificatePem(ca));
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("10.96.0.1", "443", "https://10.96.0.1/")]
    [InlineData("fd00::1", "6443", "https://[fd00::1]:6443/")]
    [InlineData("kubernetes.default.svc", "443", "https://kubernetes.default.svc/")]
    public void Load_ServiceVariables_BuildTheServerUrl(string host, string port, string expected)
    {
        var configuration = InClusterConfiguration.Load(InClusterPaths.Under(_dir.Path), Env(host, port));

        Assert.Equal(expected, configuration.Server.ToString());
        Assert.Equal(Path.Combine(_dir.Path, "token"), configuration.BearerTokenFile);
        Assert.Single(configuration.CertificateAuthorities!);
    }

    [Fact]
    public void Load_NamespaceFile_IsTheDefaultNamespace()
    {
        _dir.Write("namespace", "tenant-1\n");

        Assert.Equal("tenant-1", InClusterConfiguration.Load(InClusterPaths.Under(_dir.Path), Env("10.0.0.1", "443")).Namespace);
    }

    [Fact]
    public void Load_NoNamespaceFile_IsDefault()
    {
        Assert.Equal("default", InClusterConfiguration.Load(InClusterPaths.Under(_dir.Path), Env("10.0.0.1", "443")).Namespace);
    }

    [Fact]
    public void Load_VariablesMissing_ThrowsAsClientGo()
    {
        var e = Assert.Throws<KubeconfigException>(() => InClusterConfiguration.Load(InClusterPaths.Under(_dir.Path), _ => null));

        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined", e.Message, StringComparison.Ordinal);
        Assert.False(InClusterConfiguration.IsInCluster(_ => null));
    }

    [Fact]
    public void Load_TokenMissing_Throws()
    {
        File.Delete(Path.Combine(_dir.Path, "token"));

        var e = Assert.Throws<KubeconfigException>(() => InClusterConfiguration.Load(InClusterPaths.Under(_dir.Path), Env("10.0.0.1", "443")));

        Assert.Contains("token", e.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(string host, string port) => name => name switch
    {
        "KUBERNETES_SERVICE_HOST" => host,
        "KUBERNETES_SERVICE_PORT" => port,
        _ => null,
    };
}
