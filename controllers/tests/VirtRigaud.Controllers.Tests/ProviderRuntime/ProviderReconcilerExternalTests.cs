using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Grpc.Security;
using VirtRigaud.Provider.Mock.Faults;

namespace VirtRigaud.Controllers.Tests.ProviderRuntime;

/// <summary>External mode against the real mock provider hosted in process (plaintext and mTLS), the circuit breaker, and Remote mode on a server without apps/v1.</summary>
public sealed class ProviderReconcilerExternalTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static bool Available(Api.V1Beta1.Provider p) =>
        ProviderHarness.Is(p, ProviderConditions.Available, ConditionStatus.True) && ProviderHarness.Is(p, ProviderConditions.CapabilitiesReported, ConditionStatus.True);

    [Fact]
    public async Task Reconcile_ExternalPlaintext_AvailableThenCircuitOpensAfterTenUnavailableAndRecovers()
    {
        var ns = fixture.NewNamespace("external");
        await using var mock = await InProcessMockProvider.StartAsync();
        await using var harness = await ProviderHarness.StartAsync(fixture);

        // The in-process mock answers on loopback in well under the 400 ms deadline; ten checks then take about 4 s.
        await fixture.Client.Providers(ns).CreateAsync(TestProviders.External(ns, "ext", mock.Endpoint, healthCheck: TestProviders.Every("400ms")));

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "ext", Available, "the External provider to be available");
        Assert.Equal(ProviderRuntimePhase.Running, provider.Status!.Runtime!.Phase);
        Assert.Equal(mock.Endpoint, provider.Status.Runtime.Endpoint);
        Assert.Equal(ProviderConditions.ReasonEndpointReachable, ProviderHarness.ConditionOf(provider, ProviderConditions.RuntimeReady).Reason);
        Assert.Equal(ProviderConditions.ReasonExternalAvailable, ProviderHarness.ConditionOf(provider, ProviderConditions.Available).Reason);

        // Validate now fails with UNAVAILABLE: unavailable at once (failureThreshold 1), and after ten failures the
        // breaker opens and the condition says so.
        mock.Faults.Configure(new MockFaultConfiguration { Rpcs = new Dictionary<string, RpcFaultRule> { ["Validate"] = new() { FailAlways = true, Code = "UNAVAILABLE" } } });
        var unreachable = await ProviderHarness.WaitForAsync(fixture, ns, "ext",
            p => ProviderHarness.Is(p, ProviderConditions.Available, ConditionStatus.False, ProviderConditions.ReasonProviderUnreachable), "Validate failures to make it unavailable");
        Assert.False(unreachable.Status!.Healthy);
        Assert.Null(harness.Pool.Get(ns, "ext"));
        var open = await ProviderHarness.WaitForAsync(fixture, ns, "ext",
            p => ProviderHarness.Is(p, ProviderConditions.Available, ConditionStatus.False, ProviderConditions.ReasonCircuitOpen), "the circuit breaker to open");
        Assert.StartsWith("circuit breaker open: mock:" + ns + "/ext:rpc", ProviderHarness.ConditionOf(open, ProviderConditions.Available).Message, StringComparison.Ordinal);
        var breakerLines = harness.Manager.Http.CollectMetrics().Split('\n').Where(l => l.StartsWith("virtrigaud_circuit_breaker", StringComparison.Ordinal)).ToList();
        Assert.True(breakerLines.Contains("virtrigaud_circuit_breaker_state{provider=\"ext\",provider_type=\"mock\"} 2")
            || breakerLines.Contains("virtrigaud_circuit_breaker_state{provider=\"ext\",provider_type=\"mock\"} 1"), string.Join('\n', breakerLines));
        // Ten opened it; a half-open probe after the (test's 1 s) reset timeout may have failed and counted since.
        var failures = breakerLines.Single(l => l.StartsWith("virtrigaud_circuit_breaker_failures_total{provider=\"ext\",provider_type=\"mock\"} ", StringComparison.Ordinal));
        Assert.InRange(double.Parse(failures[(failures.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture), 10, 20);

        // The provider answers again: after the reset timeout the half-open probes pass and it is available again.
        mock.Faults.Configure(MockFaultConfiguration.None);
        var recovered = await ProviderHarness.WaitForAsync(fixture, ns, "ext", Available, "the provider to recover");
        Assert.True(recovered.Status!.Healthy);
        await Wait.UntilAsync(() => harness.Pool.Get(ns, "ext")?.Breaker.State == CircuitState.Closed, "the breaker to close");
    }

    [Fact]
    public async Task Reconcile_ExternalMutualTls_SecretMissingThenAvailable()
    {
        var ns = fixture.NewNamespace("external-tls");
        using var ca = TestCertificateAuthority.Create();
        var tlsDirectory = Directory.CreateTempSubdirectory("virtrigaud-external-tls-").FullName;
        try
        {
            // One certificate for both ends, as upstream's Secret: serverAuth for 127.0.0.1 and clientAuth.
            using var leaf = ca.Issue("virtrigaud-provider", CertificateUsages.ServerAuthentication | CertificateUsages.ClientAuthentication, ipAddresses: [System.Net.IPAddress.Loopback]);
            ca.WritePemFiles(leaf, tlsDirectory);
            await using var mock = await InProcessMockProvider.StartAsync(tlsDirectory);
            await using var harness = await ProviderHarness.StartAsync(fixture);

            await fixture.Client.Providers(ns).CreateAsync(TestProviders.External(ns, "ext", mock.Endpoint, tlsSecret: "ext-tls"));
            var waiting = await ProviderHarness.WaitForAsync(fixture, ns, "ext",
                p => ProviderHarness.Is(p, ProviderConditions.TlsConfigured, ConditionStatus.False, ProviderConditions.ReasonTlsSecretNotFound), "the missing TLS Secret to be reported");
            Assert.True(ProviderHarness.Is(waiting, ProviderConditions.Available, ConditionStatus.False));

            await fixture.Client.Core.Secrets(ns).CreateAsync(new Secret
            {
                Metadata = new ObjectMeta { Namespace = ns, Name = "ext-tls" },
                Data = new Dictionary<string, byte[]>
                {
                    ["tls.crt"] = File.ReadAllBytes(Path.Combine(tlsDirectory, "tls.crt")),
                    ["tls.key"] = File.ReadAllBytes(Path.Combine(tlsDirectory, "tls.key")),
                    ["ca.crt"] = File.ReadAllBytes(Path.Combine(tlsDirectory, "ca.crt")),
                },
            });

            var provider = await ProviderHarness.WaitForAsync(fixture, ns, "ext", Available, "the provider to be available over mTLS");
            Assert.Equal(ProviderConditions.ReasonTlsEnabled, ProviderHarness.ConditionOf(provider, ProviderConditions.TlsConfigured).Reason);
            Assert.Equal("127.0.0.1", harness.Pool.GetRequired(ns, "ext").Target.Tls!.ServerName);
        }
        finally
        {
            Directory.Delete(tlsDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Reconcile_RemoteOnServerWithoutAppsV1_ExplainsLocalAndExternal()
    {
        var ns = fixture.NewNamespace("remote");
        await using var harness = await ProviderHarness.StartAsync(fixture, await ClusterApis.DiscoverAsync(fixture.Client, CancellationToken.None));

        await fixture.Client.Providers(ns).CreateAsync(new Api.V1Beta1.Provider
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "vc" },
            Spec = new ProviderSpec
            {
                Type = ProviderType.VSphere,
                Endpoint = "https://vcenter.example.com/sdk",
                CredentialSecretRef = new ObjectRef { Name = "vc-credentials" },
                Runtime = new ProviderRuntimeSpec
                {
                    Image = "ghcr.io/projectbeskar/virtrigaud/provider-vsphere:v0.3.11",
                    Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } },
                },
            },
        });

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "vc",
            p => ProviderHarness.Is(p, ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonKubernetesRequired), "Remote to be refused");
        var message = ProviderHarness.ConditionOf(provider, ProviderConditions.RuntimeReady).Message;
        Assert.Contains("apps/v1", message, StringComparison.Ordinal);
        Assert.Contains("Local", message, StringComparison.Ordinal);
        Assert.Contains("External", message, StringComparison.Ordinal);
        Assert.Equal(ProviderRuntimePhase.Failed, provider.Status!.Runtime!.Phase);
        Assert.Equal(ProviderRuntimeMode.Remote, provider.Status.Runtime.Mode);
        Assert.Equal("v0.3.11", provider.Status.Version);
    }

    [Fact]
    public async Task DiscoverAsync_StandaloneServer_ServesNoneOfTheClusterApis()
    {
        var apis = await ClusterApis.DiscoverAsync(fixture.Client, CancellationToken.None);

        Assert.Equal(ClusterApis.None, apis);
        Assert.False(apis.SupportsRemote);
    }
}
