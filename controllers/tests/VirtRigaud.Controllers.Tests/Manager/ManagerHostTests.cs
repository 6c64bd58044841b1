using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Core;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Manager;

namespace VirtRigaud.Controllers.Tests.Manager;

/// <summary>The whole manager in process (every controller, a Local mock provider, a VM) against the real API server.</summary>
public sealed class ManagerHostTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    /// <summary>API-REFERENCE §5, without the deprecated virtrigaud_queue_depth, plus the work queues'.</summary>
    public static readonly IReadOnlyList<(string Family, string Type)> Families =
    [
        ("virtrigaud_build_info", "gauge"),
        ("virtrigaud_manager_reconcile_total", "counter"),
        ("virtrigaud_manager_reconcile_duration_seconds", "histogram"),
        ("virtrigaud_vm_operations_total", "counter"),
        ("virtrigaud_provider_rpc_requests_total", "counter"),
        ("virtrigaud_provider_rpc_latency_seconds", "histogram"),
        ("virtrigaud_provider_tasks_inflight", "gauge"),
        ("virtrigaud_errors_total", "counter"),
        ("virtrigaud_ip_discovery_duration_seconds", "histogram"),
        ("virtrigaud_circuit_breaker_state", "gauge"),
        ("virtrigaud_circuit_breaker_failures_total", "counter"),
        ("workqueue_depth", "gauge"),
        ("workqueue_adds_total", "counter"),
        ("workqueue_queue_duration_seconds", "histogram"),
        ("workqueue_work_duration_seconds", "histogram"),
    ];

    [Fact]
    public async Task StartAsync_LocalMockAndVm_MetricsPassPromtoolWithUpstreamFamiliesAndStopEndsChildren()
    {
        var ns = fixture.NewNamespace("manager");
        var state = Directory.CreateTempSubdirectory("virtrigaud-manager-test-").FullName;
        try
        {
            var host = await ManagerHost.StartAsync(new ManagerOptions
            {
                Kubeconfig = fixture.Server.KubeconfigPath,
                MetricsBindAddress = "127.0.0.1:0",
                HealthProbeBindAddress = "127.0.0.1:0",
                ProviderBinaryDirectory = AppContext.BaseDirectory,
                LocalProviderStateDirectory = state,
                Namespace = ns,
            }, NullLoggerFactory.Instance);
            int pid;
            await using (host)
            {
                using var http = new HttpClient();
                await Wait.UntilAsync(async () => (await http.GetAsync(new Uri(host.HealthAddress, "/readyz"))).StatusCode == HttpStatusCode.OK, "/readyz");
                Assert.True(File.Exists(Path.Combine(state, "client", "tls.crt")), "the client identity for other clients of Local providers");

                await fixture.Client.Core.Secrets(ns).CreateAsync(TestProviders.Credentials(ns, "mock-credentials"));
                await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "mock", tls: true, env:
                [
                    new EnvVar { Name = "VIRTRIGAUD_MOCK_TEMPLATES", Value = "ubuntu" },
                    new EnvVar { Name = "VIRTRIGAUD_MOCK_TASK_DURATION", Value = "100ms" },
                    new EnvVar { Name = "VIRTRIGAUD_MOCK_FAULTS", Value = """{"rpcs":{"GetCapabilities":{"failTimes":1,"code":"UNAVAILABLE"}}}""" },
                ]));
                await fixture.Client.Providers(ns).CreateAsync(TestProviders.Local(ns, "undecided", tls: null));
                await fixture.Client.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
                await fixture.Client.VMImages(ns).CreateAsync(new VMImage
                {
                    Metadata = new ObjectMeta { Namespace = ns, Name = "ubuntu" },
                    Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
                });
                await fixture.Client.VirtualMachines(ns).CreateAsync(new VirtualMachine
                {
                    Metadata = new ObjectMeta { Namespace = ns, Name = "web" },
                    Spec = new VirtualMachineSpec
                    {
                        ProviderRef = new ObjectRef { Name = "mock" },
                        ClassRef = new ObjectRef { Name = "small" },
                        ImageRef = new ObjectRef { Name = "ubuntu" },
                        Networks = [new VMNetworkRef { Name = "eth0" }],
                        PowerState = PowerState.On,
                    },
                });

                VirtualMachine? vm = null;
                try
                {
                    await Wait.UntilAsync(async () => (vm = await fixture.Client.VirtualMachines(ns).GetAsync("web")).Status?.Ips is { Count: > 0 }, "the VM to run with IPs");
                }
                catch (Xunit.Sdk.FailException)
                {
                    var provider = await fixture.Client.Providers(ns).GetAsync("mock");
                    Assert.Fail("the VM did not run with IPs; VM status: "
                        + System.Text.Json.JsonSerializer.Serialize(vm?.Status, V1Beta1JsonContext.Default.VirtualMachineStatus!)
                        + "; Provider status: " + System.Text.Json.JsonSerializer.Serialize(provider.Status, V1Beta1JsonContext.Default.ProviderStatus!));
                }
                var text = "";
                await Wait.UntilAsync(async () =>
                {
                    text = await http.GetStringAsync(new Uri(host.MetricsAddress!, "/metrics"));
                    return Families.All(f => text.Contains($"# TYPE {f.Family} {f.Type}\n", StringComparison.Ordinal));
                }, "every metric family");

                await Promtool.CheckAsync(text);
                Assert.DoesNotContain("virtrigaud_queue_depth", text, StringComparison.Ordinal);
                Assert.Contains("virtrigaud_errors_total{component=\"manager\",reason=\"tls-not-configured\"}", text, StringComparison.Ordinal);
                // The injected GetCapabilities failure at least; a loaded machine may add a Validate deadline or two.
                var failures = text.Split('\n').SingleOrDefault(l => l.StartsWith("virtrigaud_circuit_breaker_failures_total{provider=\"mock\",provider_type=\"mock\"} ", StringComparison.Ordinal));
                Assert.True(failures is not null && double.Parse(failures[(failures.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 1,
                    "virtrigaud_circuit_breaker_failures_total of the mock Provider should count the injected failure:\n"
                    + string.Join('\n', text.Split('\n').Where(l => l.Contains("circuit_breaker", StringComparison.Ordinal) || l.Contains("rpc_requests_total", StringComparison.Ordinal))));
                Assert.Contains("virtrigaud_manager_reconcile_total{kind=\"Provider\",outcome=", text, StringComparison.Ordinal);
                Assert.Contains("workqueue_depth{name=\"VirtualMachine\"}", text, StringComparison.Ordinal);

                pid = host.LocalProviders.StatusOf(new ObjectKey(ns, "mock"))!.ProcessId!.Value;
                Assert.Equal(ManagerExitCodes.Success, await host.StopAsync());
            }

            // Stopped with the manager: no Local provider outlives it.
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_WorkersNameNoController_Refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ManagerHost.StartAsync(new ManagerOptions
        {
            Kubeconfig = fixture.Server.KubeconfigPath,
            MetricsBindAddress = "0",
            HealthProbeBindAddress = "127.0.0.1:0",
            Workers = new Dictionary<string, int> { ["VirtualMachines"] = 3 },
        }, NullLoggerFactory.Instance));

        Assert.Contains("VirtualMachines", error.Message, StringComparison.Ordinal);
        Assert.Contains(ProviderControllerSetup.ControllerName, error.Message, StringComparison.Ordinal);
    }
}
