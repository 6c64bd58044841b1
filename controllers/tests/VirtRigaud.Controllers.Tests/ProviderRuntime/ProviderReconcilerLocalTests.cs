using System.Diagnostics;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;

namespace VirtRigaud.Controllers.Tests.ProviderRuntime;

/// <summary>Local mode: the real mock provider binary (built next to the tests) as the manager's child process.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProviderReconcilerLocalTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static bool Available(Api.V1Beta1.Provider p) =>
        ProviderHarness.Is(p, ProviderConditions.Available, ConditionStatus.True)
        && ProviderHarness.Is(p, ProviderConditions.CapabilitiesReported, ConditionStatus.True)
        && p.Status?.Runtime?.Phase == ProviderRuntimePhase.Running;

    [Fact]
    public async Task Reconcile_LocalMockPlaintext_RunsReportsCapabilitiesRestartsAfterKillAndStopsOnDelete()
    {
        var ns = fixture.NewNamespace("local");
        await using var harness = await ProviderHarness.StartAsync(fixture);
        await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "mock-credentials"));
        await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "mock"));
        await fixture.Client.VirtualMachines(ns).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "web" },
            Spec = new VirtualMachineSpec { ProviderRef = new ObjectRef { Name = "mock" }, ClassRef = new ObjectRef { Name = "small" }, ImageRef = new ObjectRef { Name = "ubuntu" } },
        });

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "mock", p => Available(p) && p.Status?.ConnectedVMs == 1, "the Local mock to run and report capabilities");

        var status = provider.Status!;
        Assert.True(status.Healthy);
        Assert.NotNull(status.LastHealthCheck);
        Assert.Equal(ProviderRuntimeMode.Local, status.Runtime!.Mode);
        Assert.StartsWith("127.0.0.1:", status.Runtime.Endpoint, StringComparison.Ordinal);
        Assert.Equal(provider.Metadata.Generation, status.ObservedGeneration);
        Assert.True(status.ReportedCapabilities!.SupportsSnapshots);
        Assert.False(string.IsNullOrEmpty(status.Version));
        Assert.Equal(ProviderConditions.ReasonTlsExplicitlyDisabled, ProviderHarness.ConditionOf(provider, ProviderConditions.TlsConfigured).Reason);
        Assert.Equal(ProviderConditions.ReasonProcessRunning, ProviderHarness.ConditionOf(provider, ProviderConditions.RuntimeReady).Reason);
        Assert.Equal(ProviderConditions.ReasonLocalAvailable, ProviderHarness.ConditionOf(provider, ProviderConditions.Available).Reason);
        Assert.NotNull(harness.Pool.Get(ns, "mock"));

        // Killed from outside: the exit is reported, and the process comes back on new ports.
        var key = new ObjectKey(ns, "mock");
        var pid = harness.Supervisor.StatusOf(key)!.ProcessId!.Value;
        using (var child = Process.GetProcessById(pid))
        {
            child.Kill();
        }

        var restarted = await ProviderHarness.WaitForAsync(fixture, ns, "mock",
            p => Available(p) && harness.Supervisor.StatusOf(key) is { Restarts: 1, State: LocalProcessState.Running }, "the killed process to be restarted");
        Assert.Contains("restarts: 1", restarted.Status!.Runtime!.Message, StringComparison.Ordinal);
        await Wait.UntilAsync(async () => (await fixture.Client.Core.Events(ns).ListAsync()).Items
            .Any(e => e.Reason == ProviderConditions.EventProcessExited && e.Message!.Contains("exited with code", StringComparison.Ordinal)), "the ProviderProcessExited event");

        // Deleted: the child is stopped and the connection closed.
        var secondPid = harness.Supervisor.StatusOf(key)!.ProcessId!.Value;
        await fixture.Client.Providers(ns).DeleteAsync("mock");
        await Wait.UntilAsync(() => harness.Supervisor.StatusOf(key) is null && harness.Pool.Get(ns, "mock") is null, "the process to be stopped");
        Assert.True(HasExited(secondPid), $"pid {secondPid} still runs");
    }

    [Fact]
    public async Task Reconcile_LocalMockWithTls_ServesMutualTlsFromManagerCa()
    {
        var ns = fixture.NewNamespace("local-tls");
        await using var harness = await ProviderHarness.StartAsync(fixture);

        // The Secret comes after the Provider: the controller waits for it, then starts the process.
        await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "mock", tls: true));
        var waiting = await ProviderHarness.WaitForAsync(fixture, ns, "mock",
            p => ProviderHarness.Is(p, ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonCredentialsNotFound), "the missing Secret to be reported");
        Assert.Equal(ProviderRuntimePhase.Failed, waiting.Status!.Runtime!.Phase);
        Assert.Contains($"Secret {ns}/mock-credentials", waiting.Status.Runtime.Message, StringComparison.Ordinal);
        await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "mock-credentials"));

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "mock", Available, "the Local mock to serve mTLS");

        Assert.Equal(ProviderConditions.ReasonTlsEnabled, ProviderHarness.ConditionOf(provider, ProviderConditions.TlsConfigured).Reason);
        var connection = harness.Pool.GetRequired(ns, "mock");
        Assert.Equal("localhost", connection.Target.Tls!.ServerName);
        var tlsDirectory = Path.Combine(harness.StateDirectory, "providers", ns, "mock", "tls");
        Assert.True(File.Exists(Path.Combine(tlsDirectory, "tls.crt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(tlsDirectory, "tls.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(harness.StateDirectory, "ca", "ca.key")));
    }

    [Fact]
    public async Task Reconcile_BinaryMissing_ConditionNamesTheFile()
    {
        var ns = fixture.NewNamespace("local-nobinary");
        await using var harness = await ProviderHarness.StartAsync(fixture);
        await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "lv-credentials"));

        await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "lv", type: ProviderType.Libvirt));

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "lv",
            p => ProviderHarness.Is(p, ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonBinaryNotFound), "the missing binary to be reported");
        var expected = Path.Combine(AppContext.BaseDirectory, "virtrigaud-provider-libvirt");
        Assert.Contains(expected, ProviderHarness.ConditionOf(provider, ProviderConditions.RuntimeReady).Message, StringComparison.Ordinal);
        Assert.Equal(ProviderRuntimePhase.Failed, provider.Status!.Runtime!.Phase);
        Assert.True(ProviderHarness.Is(provider, ProviderConditions.Available, ConditionStatus.False, ProviderConditions.ReasonRuntimeNotReady));
        Assert.False(provider.Status.Healthy);
    }

    [Fact]
    public async Task Reconcile_TlsBlockMissing_RefusedWithoutStartingAnything()
    {
        var ns = fixture.NewNamespace("local-notls");
        await using var harness = await ProviderHarness.StartAsync(fixture);
        await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "mock-credentials"));

        await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "mock", tls: null));

        var provider = await ProviderHarness.WaitForAsync(fixture, ns, "mock",
            p => ProviderHarness.Is(p, ProviderConditions.TlsConfigured, ConditionStatus.False, ProviderConditions.ReasonTlsBlockMissing), "the TLS gate to refuse");
        Assert.True(ProviderHarness.Is(provider, ProviderConditions.RuntimeReady, ConditionStatus.False, ProviderConditions.ReasonTlsNotConfigured));
        Assert.Equal(ProviderRuntimePhase.Failed, provider.Status!.Runtime!.Phase);
        Assert.Contains("enabled: false", provider.Status.Runtime.Message, StringComparison.Ordinal);
        Assert.Null(harness.Supervisor.StatusOf(new ObjectKey(ns, "mock")));
        Assert.Contains("virtrigaud_errors_total{component=\"manager\",reason=\"tls-not-configured\"}", harness.Manager.Http.CollectMetrics(), StringComparison.Ordinal);
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
