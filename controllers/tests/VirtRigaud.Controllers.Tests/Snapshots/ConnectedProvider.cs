using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Mock.Hosting;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Tests.Snapshots;

/// <summary>
/// For the snapshot, clone and adoption tests: the real mock provider hosted in this process by the provider SDK (on
/// free loopback ports, plaintext), an External-mode Provider object pointing at it, the connection validated in a
/// pool, and the Provider's status written the way the Provider controller writes it (runtime Running,
/// ProviderAvailable=True, reportedCapabilities from GetCapabilities), so these controllers are tested without
/// depending on the Provider controller.
/// </summary>
public sealed class ConnectedProvider : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly GrpcChannel _inspection;

    private ConnectedProvider(ApiServerFixture fixture, string ns, string name, ProviderServer server, string dataDirectory, ManagerMetrics metrics, ProviderConnectionPool pool)
    {
        Fixture = fixture;
        Client = TestApi.Unthrottled(fixture);
        _inspection = GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}");
        Inspector = new ProviderClient(_inspection);
        Namespace = ns;
        Name = name;
        Server = server;
        _dataDirectory = dataDirectory;
        Metrics = metrics;
        Pool = pool;
    }

    public ApiServerFixture Fixture { get; }

    /// <summary>The test-side client (not rate-limited; see <see cref="TestApi"/>).</summary>
    public VirtRigaudClient Client { get; }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The mock provider's gRPC server.</summary>
    public ProviderServer Server { get; }

    /// <summary>host:port of the mock.</summary>
    public string Endpoint => $"127.0.0.1:{Server.Port}";

    public ManagerMetrics Metrics { get; }

    public ProviderConnectionPool Pool { get; }

    /// <summary>
    /// A direct client of the mock, outside the pool and its breaker, for the test's own looks at the hypervisor (it
    /// works while the pool marks the Provider unavailable).
    /// </summary>
    public ProviderClient Inspector { get; }

    /// <summary>The validated connection.</summary>
    public ProviderConnection Connection => Pool.GetRequired(Namespace, Name);

    /// <summary>
    /// Starts the mock with <paramref name="settings"/> (template <c>ubuntu</c> by default; the data directory is a new
    /// temporary one), creates the Provider and connects.
    /// </summary>
    public static async Task<ConnectedProvider> StartAsync(ApiServerFixture fixture, string ns, MockProviderSettings? settings = null, string name = "mock")
    {
        var data = Directory.CreateTempSubdirectory("virtrigaud-h3-mock-").FullName;
        var ports = FreePorts.Take(2);
        var server = await ProviderServer.StartAsync(
            new ProviderRuntimeOptions
            {
                Port = ports[0],
                HealthPort = ports[1],
                BindAddress = "127.0.0.1",
                ProviderType = "mock",
                InsecureOptIn = true,
                TlsDirectory = Path.Combine(data, "no-tls"),
                CredentialsDirectory = Path.Combine(data, "no-credentials"),
            },
            services => services.AddMockProvider((settings ?? new MockProviderSettings { Templates = ["ubuntu"] }) with { DataDirectory = data }));
        var metrics = new ManagerMetrics();
        var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));
        var bed = new ConnectedProvider(fixture, ns, name, server, data, metrics, pool);
        var endpoint = bed.Endpoint;
        try
        {
            var provider = await bed.Client.Providers(ns).CreateAsync(new Api.V1Beta1.Provider
            {
                Metadata = new ObjectMeta { Namespace = ns, Name = name },
                Spec = new ProviderSpec
                {
                    Type = ProviderType.Mock,
                    Endpoint = "https://mock.virtrigaud.invalid",
                    CredentialSecretRef = new ObjectRef { Name = "mock-credentials" },
                    Runtime = new ProviderRuntimeSpec
                    {
                        Mode = ProviderRuntimeMode.External,
                        Endpoint = endpoint,
                        Service = new ProviderServiceSpec { Tls = new ProviderTlsSpec { Enabled = false } },
                    },
                },
            });
            var target = new ProviderTarget { Namespace = ns, Name = name, ProviderType = "mock", Endpoint = endpoint };
            await Wait.UntilAsync(async () =>
            {
                try
                {
                    await pool.ConnectAsync(target, CancellationToken.None);
                    return true;
                }
                catch (Exception e) when (e is ProviderUnavailableException or RpcException)
                {
                    return false;
                }
            }, "the mock provider to answer Validate");
            var capabilities = await bed.Connection.GetCapabilitiesAsync(CancellationToken.None);
            await WriteStatusAsync(bed.Client, provider, endpoint, ToReported(capabilities));
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a Provider status as the Provider controller would for a running, available provider.</summary>
    public static async Task WriteStatusAsync(VirtRigaudClient client, Api.V1Beta1.Provider provider, string endpoint, ProviderReportedCapabilities? capabilities)
    {
        var now = DateTimeOffset.UtcNow;
        var fresh = await client.Providers(provider.Metadata.Namespace).GetAsync(provider.Metadata.Name!);
        await client.Providers(provider.Metadata.Namespace).UpdateStatusAsync(fresh with
        {
            Status = (fresh.Status ?? new ProviderStatus()) with
            {
                Healthy = true,
                Runtime = new ProviderRuntimeStatus { Mode = ProviderRuntimeMode.External, Endpoint = endpoint, Phase = ProviderRuntimePhase.Running },
                ReportedCapabilities = capabilities,
                Conditions =
                [
                    new Condition { Type = "ProviderAvailable", Status = ConditionStatus.True, Reason = "ExternalAvailable", Message = "validated", LastTransitionTime = now },
                    new Condition { Type = "CapabilitiesReported", Status = ConditionStatus.True, Reason = "CapabilitiesFetched", Message = "ok", LastTransitionTime = now },
                ],
            },
        });
    }

    /// <summary>The GetCapabilities answer as <c>status.reportedCapabilities</c>.</summary>
    public static ProviderReportedCapabilities ToReported(GetCapabilitiesResponse c) => new()
    {
        SupportsReconfigureOnline = c.SupportsReconfigureOnline,
        SupportsDiskExpansionOnline = c.SupportsDiskExpansionOnline,
        SupportsSnapshots = c.SupportsSnapshots,
        SupportsMemorySnapshots = c.SupportsMemorySnapshots,
        SupportsLinkedClones = c.SupportsLinkedClones,
        SupportsImageImport = c.SupportsImageImport,
        SupportedDiskTypes = [.. c.SupportedDiskTypes],
        SupportedNetworkTypes = [.. c.SupportedNetworkTypes],
        SupportsDiskExport = c.SupportsDiskExport,
        SupportsDiskImport = c.SupportsDiskImport,
        SupportedExportFormats = [.. c.SupportedExportFormats],
        SupportedImportFormats = [.. c.SupportedImportFormats],
        SupportsExportCompression = c.SupportsExportCompression,
        SupportedExportBackends = [.. c.SupportedExportBackends],
        SupportedImportBackends = [.. c.SupportedImportBackends],
        SupportedTransferModes = [.. c.SupportedTransferModes],
    };

    /// <summary>Creates a VM directly on the provider (not managed by any VirtualMachine); returns its id.</summary>
    public async Task<string> CreateProviderVmAsync(string name, int cpu = 2, string memory = "2Gi")
    {
        var response = await Connection.CreateAsync(new CreateRequest
        {
            Name = name,
            ClassJson = ProviderPayloads.SerializeClass(ProviderPayloads.ClassFromSpec(new VMClassSpec { Cpu = cpu, Memory = Quantity.Parse(memory) })),
            ImageJson = ProviderPayloads.SerializeImage(new ImagePayload { TemplateName = "ubuntu" }),
        }, CancellationToken.None);
        if (response.Task is { Id.Length: > 0 } task)
        {
            await Wait.UntilAsync(() => Connection.IsTaskCompleteAsync(task, CancellationToken.None), $"create task {task.Id}");
        }

        return response.Id;
    }

    /// <summary>
    /// A VirtualMachine bound to provider VM <paramref name="id"/> (status.id seeded, as if the VM controller had
    /// created it), for tests that run without the VM controller.
    /// </summary>
    public async Task<VirtualMachine> CreateBoundVmAsync(string name, string id, string className = "small")
    {
        var vm = await Client.VirtualMachines(Namespace).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = Namespace, Name = name },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = Name },
                ClassRef = new ObjectRef { Name = className },
                ImageRef = new ObjectRef { Name = "ubuntu" },
            },
        });
        return await Client.VirtualMachines(Namespace).UpdateStatusAsync(vm with { Status = new VirtualMachineStatus { Id = id, PowerState = PowerState.On } });
    }

    /// <summary>The reasons of the Events recorded about object <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static async Task<IReadOnlyList<string>> EventReasonsAsync(VirtRigaudClient client, string ns, string name)
    {
        var events = await client.Core.Events(ns).ListAsync();
        return [.. events.Items.Where(e => e.InvolvedObject.Name == name).Select(e => e.Reason ?? "")];
    }

    /// <summary>The provider VMs named <paramref name="name"/> (to prove there is exactly one).</summary>
    public async Task<IReadOnlyList<VMInfo>> ProviderVmsNamedAsync(string name) =>
        [.. (await Inspector.ListVMsAsync(cancellationToken: CancellationToken.None)).Vms.Where(v => v.Name == name)];

    public async ValueTask DisposeAsync()
    {
        Pool.Dispose();
        Metrics.Dispose();
        Client.Dispose();
        _inspection.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
