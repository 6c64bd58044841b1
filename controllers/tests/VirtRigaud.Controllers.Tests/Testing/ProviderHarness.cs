using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Tests.Testing;

/// <summary>
/// A running manager with the Provider controller (Local binaries from the test's own output directory, where the
/// mock provider's apphost is built; a private state directory; short back-offs) against the fixture's API server.
/// </summary>
public sealed class ProviderHarness : IAsyncDisposable
{
    private ProviderHarness(RunningManager manager, ProviderConnectionPool pool, LocalProviderSupervisor supervisor, string stateDirectory, ManagerMetrics metrics)
    {
        Manager = manager;
        Pool = pool;
        Supervisor = supervisor;
        StateDirectory = stateDirectory;
        Metrics = metrics;
    }

    public RunningManager Manager { get; }

    public ProviderConnectionPool Pool { get; }

    public LocalProviderSupervisor Supervisor { get; }

    public string StateDirectory { get; }

    public ManagerMetrics Metrics { get; }

    /// <summary>Test defaults: restart after 200 ms, breaker reset after 1 s.</summary>
    public static LocalProviderOptions LocalOptions(string stateDirectory, string? binaryDirectory = null) => new()
    {
        BinaryDirectory = binaryDirectory ?? AppContext.BaseDirectory,
        StateDirectory = stateDirectory,
        RestartBackoffInitial = TimeSpan.FromMilliseconds(200),
        RestartBackoffMax = TimeSpan.FromSeconds(2),
        StopGracePeriod = TimeSpan.FromSeconds(10),
    };

    public static async Task<ProviderHarness> StartAsync(ApiServerFixture fixture, ClusterApis? apis = null, string? binaryDirectory = null, CircuitBreakerOptions? breaker = null)
    {
        var state = Directory.CreateTempSubdirectory("virtrigaud-provider-harness-").FullName;
        ProviderConnectionPool? pool = null;
        LocalProviderSupervisor? supervisor = null;
        var manager = await RunningManager.StartAsync(fixture, m =>
        {
            pool = new ProviderConnectionPool(new ProviderRpcMetrics(m.Metrics), breaker ?? new CircuitBreakerOptions { ResetTimeout = TimeSpan.FromSeconds(1) }, loggerFactory: m.LoggerFactory);
            supervisor = ProviderControllerSetup.Register(m, pool, new ProviderControllerOptions
            {
                Apis = apis ?? ClusterApis.None,
                Local = LocalOptions(state, binaryDirectory),
                NotReadyRequeue = TimeSpan.FromMilliseconds(500),
                ErrorRequeue = TimeSpan.FromSeconds(1),
            });
        });
        return new ProviderHarness(manager, pool!, supervisor!, state, manager.Manager.Metrics);
    }

    /// <summary>Waits until the Provider's status satisfies <paramref name="condition"/>; returns that Provider.</summary>
    public static async Task<Api.V1Beta1.Provider> WaitForAsync(ApiServerFixture fixture, string ns, string name, Func<Api.V1Beta1.Provider, bool> condition, string what, TimeSpan? timeout = null)
    {
        Api.V1Beta1.Provider? last = null;
        try
        {
            await Wait.UntilAsync(async () =>
            {
                last = await fixture.Client.Providers(ns).GetAsync(name);
                return condition(last);
            }, what, timeout);
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"timed out waiting for {what}; last status: {System.Text.Json.JsonSerializer.Serialize(last?.Status, V1Beta1JsonContext.Default.ProviderStatus!)}");
        }

        return last!;
    }

    /// <summary>The condition of <paramref name="type"/> (fails when absent).</summary>
    public static Condition ConditionOf(Api.V1Beta1.Provider provider, string type) =>
        Conditions.Find(provider.Status?.Conditions, type) ?? throw new Xunit.Sdk.XunitException($"no condition {type} on {provider.Metadata.Name}");

    public static bool Is(Api.V1Beta1.Provider provider, string type, ConditionStatus status, string? reason = null) =>
        Conditions.Find(provider.Status?.Conditions, type) is { } c && c.Status == status && (reason is null || c.Reason == reason);

    public async ValueTask DisposeAsync()
    {
        await Manager.DisposeAsync();
        await Supervisor.DisposeAsync();
        Pool.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
