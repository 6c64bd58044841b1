using System.Text;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Configuration;

public sealed class KubernetesClientConfigurationTests : IDisposable
{
    private const string TwoContexts = """
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example:6443
        - name: prod-cluster
          cluster:
            server: https://prod.example:6443/prefix
            insecure-skip-tls-verify: true
        users:
        - name: dev-user
          user:
            token: dev-token
        - name: prod-user
          user:
            tokenFile: /var/run/token
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: team-a
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-user
        - name: broken-cluster
          context:
            cluster: nowhere
            user: dev-user
        - name: broken-user
          context:
            cluster: dev-cluster
            user: nobody
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void FromKubeconfig_CurrentContext_TakesItsClusterUserAndNamespace()
    {
        var configuration = KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(TwoContexts));

        Assert.Equal(new Uri("https://dev.example:6443"), configuration.Server);
        Assert.Equal("dev-token", configuration.BearerToken);
        Assert.Equal("team-a", configuration.Namespace);
        Assert.Equal("dev", configuration.ContextName);
        Assert.False(configuration.InsecureSkipTlsVerify);
    }

    [Fact]
    public void FromKubeconfig_ContextOverride_UsesThatContextAndDefaultNamespace()
    {
        var configuration = KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(TwoContexts), new KubeconfigOverrides { Context = "prod" });

        Assert.Equal("/prefix", configuration.Server.AbsolutePath);
        Assert.Equal("/var/run/token", configuration.BearerTokenFile);
        Assert.Null(configuration.BearerToken);
        Assert.True(configuration.InsecureSkipTlsVerify);
        Assert.Equal("default", configuration.Namespace);
    }

    [Fact]
    public void FromKubeconfig_ClusterUserNamespaceServerOverrides_WinOverTheContext()
    {
        var overrides = new KubeconfigOverrides { Cluster = "prod-cluster", User = "prod-user", Namespace = "ops", Server = "https://override:1" };

        var configuration = KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(TwoContexts), overrides);

        Assert.Equal(new Uri("https://override:1"), configuration.Server);
        Assert.Equal("/var/run/token", configuration.BearerTokenFile);
        Assert.Equal("ops", configuration.Namespace);
        Assert.True(configuration.InsecureSkipTlsVerify);
    }

    [Theory]
    [InlineData("missing", "context \"missing\" does not exist")]
    [InlineData("broken-cluster", "cluster \"nowhere\" does not exist")]
    [InlineData("broken-user", "user \"nobody\" does not exist")]
    public void FromKubeconfig_DanglingReference_ThrowsNamingIt(string context, string message)
    {
        var e = Assert.Throws<KubeconfigException>(() =>
            KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(TwoContexts), new KubeconfigOverrides { Context = context }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKubeconfig_Empty_SaysNoConfigurationWasProvided()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.FromKubeconfig(new Kubeconfig()));

        Assert.Contains("no configuration has been provided", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKubeconfig_ClusterWithoutServer_Throws()
    {
        var config = KubeconfigLoader.Parse("current-context: c\nclusters:\n- name: x\n  cluster: {}\ncontexts:\n- name: c\n  context:\n    cluster: x");

        var e = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.FromKubeconfig(config));

        Assert.Contains("no server found for cluster \"x\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKubeconfig_CertificateData_LoadsTheCaBundleAndTheClientCertificateWithItsKey()
    {
        using var ca = TestCertificates.CreateCa();
        using var otherCa = TestCertificates.CreateCa("other-ca");
        using var client = TestCertificates.Issue(ca, "alice");
        var bundle = TestCertificates.CertificatePem(ca) + TestCertificates.CertificatePem(otherCa);
        var yaml = $"""
            current-context: c
            clusters:
            - name: x
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {B64(bundle)}
            users:
            - name: alice
              user:
                client-certificate-data: {B64(TestCertificates.CertificatePem(client))}
                client-key-data: {B64(TestCertificates.KeyPem(client))}
            contexts:
            - name: c
              context:
                cluster: x
                user: alice
            """;

        var configuration = KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(yaml));

        Assert.Equal(2, configuration.CertificateAuthorities!.Count);
        Assert.True(configuration.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=alice", configuration.ClientCertificate.Subject);
    }

    [Fact]
    public void FromKubeconfig_CertificateFiles_AreReadRelativeToTheKubeconfig()
    {
        using var ca = TestCertificates.CreateCa();
        using var client = TestCertificates.Issue(ca, "bob");
        _dir.Write("pki/ca.crt", TestCertificates.CertificatePem(ca));
        _dir.Write("pki/bob.crt", TestCertificates.CertificatePem(client));
        _dir.Write("pki/bob.key", TestCertificates.KeyPem(client));
        var path = _dir.Write("config", """
            current-context: c
            clusters:
            - name: x
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: pki/ca.crt
            users:
            - name: bob
              user:
                client-certificate: pki/bob.crt
                client-key: pki/bob.key
            contexts:
            - name: c
              context:
                cluster: x
                user: bob
            """);

        var configuration = KubernetesClientConfiguration.LoadKubeconfig(path);

        Assert.Single(configuration.CertificateAuthorities!);
        Assert.Equal("CN=bob", configuration.ClientCertificate!.Subject);
    }

    [Fact]
    public void FromKubeconfig_CertificateWithoutKey_Throws()
    {
        using var ca = TestCertificates.CreateCa();
        var yaml = $"current-context: c\nclusters:\n- name: x\n  cluster:\n    server: https://h\nusers:\n- name: u\n  user:\n    client-certificate-data: {B64(TestCertificates.CertificatePem(ca))}\ncontexts:\n- name: c\n  context:\n    cluster: x\n    user: u";

        var e = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(yaml)));

        Assert.Contains("no client key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromKubeconfig_AuthProvider_IsRefusedWithAHint()
    {
        var yaml = "current-context: c\nclusters:\n- name: x\n  cluster:\n    server: https://h\nusers:\n- name: u\n  user:\n    auth-provider:\n      name: oidc\ncontexts:\n- name: c\n  context:\n    cluster: x\n    user: u";

        var e = Assert.Throws<KubeconfigException>(() => KubernetesClientConfiguration.FromKubeconfig(KubeconfigLoader.Parse(yaml)));

        Assert.Contains("exec", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f, 10, "Qps")]
    [InlineData(5f, 0, "Burst")]
    public void Validate_BadRateLimit_Throws(float qps, int burst, string named)
    {
        var configuration = new KubernetesClientConfiguration { Server = new Uri("https://h"), Qps = qps, Burst = burst };

        var e = Assert.Throws<KubeconfigException>(configuration.Validate);

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeQps_DisablesLimitingAndIsValid()
    {
        new KubernetesClientConfiguration { Server = new Uri("https://h"), Qps = -1, Burst = 0 }.Validate();
    }

    [Fact]
    public void Validate_InsecureWithCa_Throws()
    {
        using var ca = TestCertificates.CreateCa();
        var configuration = new KubernetesClientConfiguration { Server = new Uri("https://h"), InsecureSkipTlsVerify = true, CertificateAuthorities = [ca] };

        Assert.Throws<KubeconfigException>(configuration.Validate);
    }

    [Fact]
    public void ToString_WithTokenAndPassword_RedactsThem()
    {
        var configuration = new KubernetesClientConfiguration { Server = new Uri("https://h"), BearerToken = "tok-123-secret", Password = "pw-456-secret" };

        var text = configuration.ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("https://h", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDefault_KubeconfigVariableSet_PrefersItOverInCluster()
    {
        var path = _dir.Write("config", TwoContexts);
        var env = new Dictionary<string, string?>
        {
            ["KUBECONFIG"] = path,
            ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "443",
        };

        var configuration = KubernetesClientConfiguration.LoadDefault(getEnvironmentVariable: name => env.GetValueOrDefault(name));

        Assert.Equal("dev.example", configuration.Server.Host);
    }

    [Fact]
    public void LoadDefault_InClusterWithoutKubeconfig_UsesTheServiceAccount()
    {
        using var ca = TestCertificates.CreateCa();
        _dir.Write("sa/token", "sa-token\n");
        _dir.Write("sa/ca.crt", TestCertificates.CertificatePem(ca));
        _dir.Write("sa/namespace", "virtrigaud-system");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var configuration = KubernetesClientConfiguration.LoadDefault(
            overrides: null,
            getEnvironmentVariable: name => env.GetValueOrDefault(name),
            inClusterPaths: InClusterPaths.Under(Path.Combine(_dir.Path, "sa")));

        Assert.Equal(new Uri("https://10.0.0.1:443"), configuration.Server);
        Assert.Equal("virtrigaud-system", configuration.Namespace);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
