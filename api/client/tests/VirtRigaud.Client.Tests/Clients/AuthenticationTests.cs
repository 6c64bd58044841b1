using System.Security.Authentication;
using System.Text.Json.Nodes;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.Authentication;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>Credentials and server trust against our real API server (static token file, client certificates, TLS).</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _clientCa = TestCertificates.CreateCa("external-client-ca");
    private ClientTestServer _server = null!;

    public async Task InitializeAsync()
    {
        var tokens = _dir.Write("tokens.csv", "good-token,alice,1001,\"system:masters\"\nother-good-token,bob,1002,\"system:masters\"\n");
        var clientCa = _dir.Write("client-ca.crt", TestCertificates.CertificatePem(_clientCa));
        _server = await ClientTestServer.StartAsync(o => o with { TokenAuthFile = tokens, ClientCaFile = clientCa });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _clientCa.Dispose();
        _dir.Dispose();
    }

    // The server's kubeconfig without its client certificate: trust only, identity from the test.
    private KubernetesClientConfiguration Anonymous() => KubernetesClientConfiguration.LoadKubeconfig(_server.KubeconfigPath) with { ClientCertificate = null };

    [Fact]
    public async Task ListAsync_ValidBearerToken_IsAuthorized()
    {
        using var client = new VirtRigaudClient(Anonymous() with { BearerToken = "good-token" });

        await client.VirtualMachines("default").ListAsync();
    }

    [Fact]
    public async Task ListAsync_WrongBearerToken_ThrowsUnauthorized()
    {
        using var client = new VirtRigaudClient(Anonymous() with { BearerToken = "wrong-token" });

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.VirtualMachines("default").ListAsync());

        Assert.True(e.IsUnauthorized);
        Assert.DoesNotContain("wrong-token", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_NoCredentials_IsAnonymousAndForbidden()
    {
        using var client = new VirtRigaudClient(Anonymous());

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.VirtualMachines("default").ListAsync());

        Assert.True(e.IsForbidden, e.Message);
        Assert.Contains("system:anonymous", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_TokenFileRotated_IsPickedUpAfterThe401()
    {
        var tokenFile = _dir.Write("token", "revoked-token\n");
        using var client = new VirtRigaudClient(Anonymous() with { BearerTokenFile = tokenFile });
        var vms = client.VirtualMachines("default");

        var before = await Assert.ThrowsAsync<KubernetesApiException>(() => vms.ListAsync());
        File.WriteAllText(tokenFile, "other-good-token\n");
        await vms.ListAsync();

        Assert.True(before.IsUnauthorized);
    }

    [Fact]
    public async Task ListAsync_ExecPluginTokenRejected_RunsThePluginAgainAndSucceeds()
    {
        var runs = Path.Combine(_dir.Path, "exec-runs");
        var plugin = _dir.Write("plugin.sh", """
            #!/bin/sh
            echo run >> "RUNS"
            n=$(wc -l < "RUNS" | tr -d ' ')
            if [ "$n" = "1" ]; then token=expired-token; else token=good-token; fi
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$token"
            """.Replace("RUNS", runs, StringComparison.Ordinal));
        ExecCredentialSourceTests.MakeExecutable(plugin);
        var exec = new ExecConfig { Command = plugin, ApiVersion = "client.authentication.k8s.io/v1", InteractiveMode = ExecInteractiveMode.Never };
        using var client = new VirtRigaudClient(Anonymous() with { Exec = exec });

        await client.VirtualMachines("default").ListAsync();

        Assert.Equal(2, File.ReadAllLines(runs).Length);
    }

    [Fact]
    public async Task ListAsync_ExecPluginClientCertificate_IsPresentedInTheHandshake()
    {
        using var leaf = TestCertificates.IssueClient(_clientCa, "carol", "system:masters");
        var credential = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject
            {
                ["clientCertificateData"] = TestCertificates.CertificatePem(leaf),
                ["clientKeyData"] = TestCertificates.KeyPem(leaf),
            },
        };
        var output = _dir.Write("credential.json", credential.ToJsonString());
        var plugin = _dir.Write("cert-plugin.sh", "#!/bin/sh\ncat \"" + output + "\"\n");
        ExecCredentialSourceTests.MakeExecutable(plugin);
        var exec = new ExecConfig { Command = plugin, ApiVersion = "client.authentication.k8s.io/v1beta1" };
        using var client = new VirtRigaudClient(Anonymous() with { Exec = exec });

        var created = await client.VirtualMachines("exec-cert").CreateAsync(Objects.Vm("by-carol"));

        Assert.Equal("by-carol", created.Metadata.Name);
    }

    [Fact]
    public async Task ListAsync_ServerCertificateFromAnotherCa_FailsTheHandshake()
    {
        using var otherCa = TestCertificates.CreateCa("not-the-servers-ca");
        using var client = new VirtRigaudClient(Anonymous() with { CertificateAuthorities = [otherCa], BearerToken = "good-token" });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.VirtualMachines("default").ListAsync());

        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("virtrigaud-apiserver.example", false)]
    public async Task ListAsync_TlsServerName_IsWhatTheCertificateIsCheckedAgainst(string serverName, bool accepted)
    {
        using var client = new VirtRigaudClient(Anonymous() with { TlsServerName = serverName, BearerToken = "good-token" });

        var list = client.VirtualMachines("default").ListAsync();

        if (accepted)
        {
            await list;
        }
        else
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => list);
        }
    }

    [Fact]
    public async Task ListAsync_InsecureSkipTlsVerify_ConnectsWithoutTheCa()
    {
        using var client = new VirtRigaudClient(Anonymous() with { CertificateAuthorities = null, InsecureSkipTlsVerify = true, BearerToken = "good-token" });

        await client.VirtualMachines("default").ListAsync();
    }

    [Fact]
    public async Task ListAsync_AdminKubeconfig_AuthenticatesWithTheClientCertificate()
    {
        var configuration = KubernetesClientConfiguration.LoadKubeconfig(_server.KubeconfigPath);
        using var client = new VirtRigaudClient(configuration);

        await client.VirtualMachines("default").ListAsync();

        Assert.NotNull(configuration.ClientCertificate);
        Assert.Null(configuration.BearerToken);
    }
}
