using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>
/// One namespace with an External-mode Provider pointing at a real mock provider, a VMClass and a template VMImage,
/// and a running manager with the VirtualMachine controller. With <c>withProviderController</c> the manager also runs
/// the real Provider controller (which connects the pool, health-checks the provider and reports its status);
/// otherwise this class connects the pool and writes the Provider's status as that controller would (runtime
/// Running, reportedCapabilities from GetCapabilities), which keeps the VM tests independent of provider health checks.
/// </summary>
public sealed class VmTestEnvironment : IAsyncDisposable
{
    private readonly ApiServerFixture _fixture;
    private readonly MockProviderProcess _mock;
    private readonly VirtualMachineReconcilerOptions _options;
    private readonly bool _withProviderController;
    private LocalProviderSupervisor? _supervisor;
    private string? _stateDirectory;

    private VmTestEnvironment(ApiServerFixture fixture, string ns, MockProviderProcess mock, VirtualMachineReconcilerOptions options, bool withProviderController)
    {
        _fixture = fixture;
        Namespace = ns;
        _mock = mock;
        _options = options;
        _withProviderController = withProviderController;
    }

    public string Namespace { get; }

    public ProviderConnectionPool Pool { get; private set; } = null!;

    public RunningManager Manager { get; private set; } = null!;

    public ResourceClient<VirtualMachine> Vms => _fixture.Client.VirtualMachines(Namespace);

    /// <summary>The pool's connection to the mock (validated).</summary>
    public ProviderConnection Connection => Pool.GetRequired(Namespace, "mock");

    /// <summary>Options for tests: short waits everywhere, and task polling so slow that only WatchTask can move a task on in time.</summary>
    public static VirtualMachineReconcilerOptions WatchTaskOptions => new()
    {
        TaskPollInterval = TimeSpan.FromMinutes(10),
        TaskWatchResyncInterval = TimeSpan.FromMinutes(10),
        DependencyRetryInterval = TimeSpan.FromMilliseconds(300),
        FailureBackoff = TimeSpan.FromMilliseconds(200),
        MaxFailureBackoff = TimeSpan.FromSeconds(1),
        DeleteRetryInterval = TimeSpan.FromMilliseconds(300),
        IpPollInterval = TimeSpan.FromMilliseconds(200),
        MaxIpPollInterval = TimeSpan.FromSeconds(1),
        MaxOperationAttempts = 3,
    };

    /// <summary>Options for tests against a synchronous mock: everything short.</summary>
    public static VirtualMachineReconcilerOptions FastOptions => WatchTaskOptions with
    {
        TaskPollInterval = TimeSpan.FromMilliseconds(200),
        TaskWatchResyncInterval = TimeSpan.FromSeconds(1),
    };

    public static async Task<VmTestEnvironment> StartAsync(ApiServerFixture fixture, string ns, MockProviderProcess mock, VirtualMachineReconcilerOptions? options = null, VMClassSpec? classSpec = null, bool withProviderController = false)
    {
        var environment = new VmTestEnvironment(fixture, ns, mock, options ?? FastOptions, withProviderController);
        var client = fixture.Client;
        await client.Providers(ns).CreateAsync(TestProviders.External(ns, "mock", mock.Endpoint, healthCheck: TestProviders.Every("300ms")));
        await client.VMClasses(ns).CreateAsync(new VMClass
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "small" },
            Spec = classSpec ?? new VMClassSpec { Cpu = 2, Memory = Quantity.Parse("2Gi") },
        });
        await client.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "ubuntu" },
            Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
        });
        try
        {
            await environment.StartManagerAsync();
        }
        catch
        {
            // A manager left running would keep reconciling (its Provider controller watches every namespace) and
            // disturb the tests after this one.
            await environment.DisposeAsync();
            throw;
        }

        return environment;
    }

    /// <summary>Starts (again) a manager with a fresh pool, as a restarted manager process would.</summary>
    public async Task StartManagerAsync()
    {
        if (_withProviderController)
        {
            await StartWithProviderControllerAsync();
            return;
        }

        ProviderConnectionPool? pool = null;
        Manager = await RunningManager.StartAsync(_fixture, m =>
        {
            pool = new ProviderConnectionPool(new ProviderRpcMetrics(m.Metrics));
            m.AddVirtualMachineController(pool, _options, workers: 2);
        });
        Pool = pool!;
        var target = new ProviderTarget { Namespace = Namespace, Name = "mock", ProviderType = "mock", Endpoint = _mock.Endpoint };
        ProviderConnection? connection = null;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                connection = await Pool.ConnectAsync(target, CancellationToken.None);
                return true;
            }
            catch (Exception e) when (e is ProviderUnavailableException or RpcException)
            {
                return false;
            }
        }, "the mock provider to answer Validate");

        // What the Provider controller reports; the VM controller reads capabilities from here.
        var capabilities = await connection!.GetCapabilitiesAsync(CancellationToken.None);
        var providers = _fixture.Client.Providers(Namespace);
        var provider = await providers.GetAsync("mock");
        await providers.UpdateStatusAsync(provider with
        {
            Status = new ProviderStatus
            {
                Healthy = true,
                Runtime = new ProviderRuntimeStatus { Mode = ProviderRuntimeMode.External, Endpoint = _mock.Endpoint, Phase = ProviderRuntimePhase.Running },
                ReportedCapabilities = new ProviderReportedCapabilities
                {
                    SupportsReconfigureOnline = capabilities.SupportsReconfigureOnline,
                    SupportsDiskExpansionOnline = capabilities.SupportsDiskExpansionOnline,
                    SupportsSnapshots = capabilities.SupportsSnapshots,
                    SupportsMemorySnapshots = capabilities.SupportsMemorySnapshots,
                    SupportsLinkedClones = capabilities.SupportsLinkedClones,
                    SupportsImageImport = capabilities.SupportsImageImport,
                },
            },
        });
    }

    private async Task StartWithProviderControllerAsync()
    {
        _stateDirectory ??= Directory.CreateTempSubdirectory("virtrigaud-vm-provider-").FullName;
        ProviderConnectionPool? pool = null;
        LocalProviderSupervisor? supervisor = null;
        Manager = await RunningManager.StartAsync(_fixture, m =>
        {
            pool = new ProviderConnectionPool(new ProviderRpcMetrics(m.Metrics), new CircuitBreakerOptions { ResetTimeout = TimeSpan.FromSeconds(1) }, loggerFactory: m.LoggerFactory);
            supervisor = ProviderControllerSetup.Register(m, pool, new ProviderControllerOptions
            {
                Apis = ClusterApis.None,
                Local = ProviderHarness.LocalOptions(_stateDirectory),
                NotReadyRequeue = TimeSpan.FromMilliseconds(500),
                ErrorRequeue = TimeSpan.FromSeconds(1),
            });
            m.AddVirtualMachineController(pool, _options, workers: 2);
        });
        Pool = pool!;
        _supervisor = supervisor;
        await ProviderHarness.WaitForAsync(_fixture, Namespace, "mock", p => p.Status?.Healthy == true && p.Status.ReportedCapabilities is not null && Pool.Get(Namespace, "mock") is not null, "the Provider controller to connect the mock");
    }

    /// <summary>Stops the manager (as SIGTERM would) and closes its connections.</summary>
    public async Task StopManagerAsync()
    {
        if (Manager is not null)
        {
            await Manager.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
            _supervisor = null;
        }

        Pool?.Dispose();
    }

    public static VirtualMachine Vm(string ns, string name, Func<VirtualMachineSpec, VirtualMachineSpec>? edit = null)
    {
        var spec = new VirtualMachineSpec
        {
            ProviderRef = new ObjectRef { Name = "mock" },
            ClassRef = new ObjectRef { Name = "small" },
            ImageRef = new ObjectRef { Name = "ubuntu" },

            // A NIC, so the guest reports an IP.
            Networks = [new VMNetworkRef { Name = "eth0" }],
            UserData = new UserData { CloudInit = new CloudInitConfig { Inline = "#cloud-config\nhostname: " + name + "\n" } },
        };
        return new VirtualMachine { Metadata = new ObjectMeta { Namespace = ns, Name = name }, Spec = edit is null ? spec : edit(spec) };
    }

    public Task<VirtualMachine> CreateVmAsync(string name, Func<VirtualMachineSpec, VirtualMachineSpec>? edit = null) => Vms.CreateAsync(Vm(Namespace, name, edit));

    public async Task<VirtualMachine?> GetAsync(string name)
    {
        try
        {
            return await Vms.GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Waits until the VM satisfies <paramref name="condition"/> and returns it.</summary>
    /// <remarks>On timeout the failure shows the VM's last status and events, so a failing run explains itself.</remarks>
    public async Task<VirtualMachine> WaitAsync(string name, Func<VirtualMachine, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait.DefaultTimeout;
        while (true)
        {
            var vm = await GetAsync(name);
            if (vm is not null && condition(vm))
            {
                return vm;
            }

            if (DateTime.UtcNow > deadline)
            {
                var status = vm?.Status is { } s ? System.Text.Json.JsonSerializer.Serialize(s, V1Beta1JsonContext.Default.VirtualMachineStatus) : "(none)";
                Assert.Fail($"timed out waiting for {Namespace}/{name}: {what}; status {status}; events {string.Join(", ", await EventReasonsAsync(name))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    public Task<VirtualMachine> WaitRunningAsync(string name) =>
        WaitAsync(name, vm => vm.Status?.Phase == VirtualMachinePhase.Running && Conditions.IsTrue(vm.Status.Conditions, VirtualMachineConventions.ConditionReady) && vm.Status.Ips is { Count: > 0 }, "Running and Ready with IPs");

    public static Condition? ConditionOf(VirtualMachine vm, string type) => Conditions.Find(vm.Status?.Conditions, type);

    /// <summary>Changes a VM's spec (retrying on conflict with the controller's writes).</summary>
    public async Task<VirtualMachine> EditAsync(string name, Func<VirtualMachine, VirtualMachine> edit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var vm = await Vms.GetAsync(name);
            try
            {
                return await Vms.UpdateAsync(edit(vm));
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 20)
            {
            }
        }
    }

    /// <summary>The reasons of the Events recorded for a VM, oldest first.</summary>
    public async Task<IReadOnlyList<string>> EventReasonsAsync(string name)
    {
        var events = await _fixture.Client.Core.Events(Namespace).ListAsync(new ListOptions());
        return [.. events.Items.Where(e => e.InvolvedObject.Name == name).OrderBy(e => e.FirstTimestamp ?? e.EventTime).Select(e => e.Reason ?? "")];
    }

    /// <summary>Waits until an Event with <paramref name="reason"/> was recorded for the VM.</summary>
    public Task WaitForEventAsync(string name, string reason) =>
        Wait.UntilAsync(async () => (await EventReasonsAsync(name)).Contains(reason), $"event {reason} for {Namespace}/{name}");

    /// <summary>The mock's VMs of this name.</summary>
    public async Task<IReadOnlyList<VMInfo>> MockVmsNamedAsync(string name) =>
        [.. (await Connection.ListVMsAsync(CancellationToken.None)).Vms.Where(v => v.Name == name)];

    /// <summary>The manager's /metrics text.</summary>
    public string Metrics() => Manager.Http.CollectMetrics();

    /// <summary>The value of one series (<c>name{labels sorted}</c>) in /metrics; 0 when absent.</summary>
    public double Metric(string series)
    {
        foreach (var line in Metrics().Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>The series of provider RPCs answered OK for <paramref name="method"/>.</summary>
    public static string OkCalls(string method) => $"virtrigaud_provider_rpc_requests_total{{code=\"OK\",method=\"{method}\",provider_type=\"mock\"}}";

    public async ValueTask DisposeAsync()
    {
        await StopManagerAsync();
        if (_stateDirectory is not null)
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
