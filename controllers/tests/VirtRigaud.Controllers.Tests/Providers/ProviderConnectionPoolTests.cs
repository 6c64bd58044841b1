using Microsoft.Extensions.DependencyInjection;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Tests.Providers;

public sealed class ProviderConnectionPoolTests
{
    /// <summary>A provider whose Validate answers as told and whose Describe fails with a chosen code.</summary>
    private sealed class ScriptedProvider : ProviderServiceBase
    {
        public volatile bool Valid = true;
        public volatile int DescribeFailure = (int)StatusCode.OK;

        public override Task<ValidateResponse> ValidateAsync(ValidateRequest request, ServerCallContext context) =>
            Task.FromResult(new ValidateResponse { Ok = Valid, Message = Valid ? "ok" : "hypervisor unreachable" });

        public override Task<DescribeResponse> DescribeAsync(DescribeRequest request, ServerCallContext context) =>
            DescribeFailure == (int)StatusCode.OK
                ? Task.FromResult(new DescribeResponse { Exists = true, PowerState = "On" })
                : throw new RpcException(new Status((StatusCode)DescribeFailure, "injected"));
    }

    private static async Task<ProviderServer> StartAsync(ScriptedProvider provider)
    {
        var ports = FreePorts.Take(2);
        return await ProviderServer.StartAsync(
            new ProviderRuntimeOptions { Port = ports[0], HealthPort = ports[1], BindAddress = "127.0.0.1", InsecureOptIn = true, ProviderType = "mock" },
            services => services.AddSingleton<ProviderServiceBase>(provider));
    }

    private static ProviderTarget Target(int port) => new() { Namespace = "ns", Name = "p", ProviderType = "mock", Endpoint = $"127.0.0.1:{port}" };

    [Fact]
    public async Task ConnectAsync_ValidProvider_ReturnedByGetAndCounted()
    {
        var provider = new ScriptedProvider();
        await using var server = await StartAsync(provider);
        using var metrics = new ManagerMetrics();
        using var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));
        using var exporter = VirtRigaud.Provider.Sdk.Metrics.PrometheusTextExporter.Start([ManagerMetrics.MeterName], metrics);

        var connection = await pool.ConnectAsync(Target(server.Port), CancellationToken.None);

        Assert.Same(connection, pool.Get("ns", "p"));
        Assert.True((await connection.DescribeAsync(new DescribeRequest { Id = "vm" }, CancellationToken.None)).Exists);
        var text = exporter.Collect();
        Assert.Contains("virtrigaud_provider_rpc_requests_total{code=\"OK\",method=\"Validate\",provider_type=\"mock\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_vm_operations_total{operation=\"Describe\",outcome=\"success\",provider=\"p\",provider_type=\"mock\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_circuit_breaker_state{provider=\"p\",provider_type=\"mock\"} 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_ValidateNotOk_ThrowsAndGetReturnsNull()
    {
        var provider = new ScriptedProvider();
        await using var server = await StartAsync(provider);
        using var metrics = new ManagerMetrics();
        using var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));
        await pool.ConnectAsync(Target(server.Port), CancellationToken.None);

        provider.Valid = false;
        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => pool.ConnectAsync(Target(server.Port), CancellationToken.None));

        Assert.Contains("hypervisor unreachable", error.Message, StringComparison.Ordinal);
        Assert.Null(pool.Get("ns", "p"));
        Assert.Throws<ProviderUnavailableException>(() => pool.GetRequired("ns", "p"));
    }

    [Fact]
    public async Task InvokeAsync_TenUnavailable_BreakerOpensWithoutCallingProvider()
    {
        var provider = new ScriptedProvider { DescribeFailure = (int)StatusCode.Unavailable };
        await using var server = await StartAsync(provider);
        using var metrics = new ManagerMetrics();
        using var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));
        var connection = await pool.ConnectAsync(Target(server.Port), CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => connection.DescribeAsync(new DescribeRequest { Id = "vm" }, CancellationToken.None));
            Assert.Equal("injected", failure.Status.Detail);
        }

        Assert.Equal(CircuitState.Open, connection.Breaker.State);
        provider.DescribeFailure = (int)StatusCode.OK;
        var rejected = await Assert.ThrowsAsync<RpcException>(() => connection.DescribeAsync(new DescribeRequest { Id = "vm" }, CancellationToken.None));
        Assert.StartsWith("circuit breaker open", rejected.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ProviderErrorKind.Retryable, ProviderRpcErrors.Classify(rejected));
    }

    [Fact]
    public async Task BreakerGauge_SameProviderNameInTwoNamespaces_ShowsTheWorstStateUntilThatProviderGoes()
    {
        // Upstream's gauge has no namespace label: one series for both, which must not hide the open breaker.
        var failing = new ScriptedProvider { DescribeFailure = (int)StatusCode.Unavailable };
        var healthy = new ScriptedProvider();
        await using var failingServer = await StartAsync(failing);
        await using var healthyServer = await StartAsync(healthy);
        using var metrics = new ManagerMetrics();
        using var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));
        using var exporter = VirtRigaud.Provider.Sdk.Metrics.PrometheusTextExporter.Start([ManagerMetrics.MeterName], metrics);
        var open = await pool.ConnectAsync(Target(failingServer.Port) with { Namespace = "team-a" }, CancellationToken.None);
        var closed = await pool.ConnectAsync(Target(healthyServer.Port) with { Namespace = "team-b" }, CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => open.DescribeAsync(new DescribeRequest { Id = "vm" }, CancellationToken.None));
        }

        await closed.DescribeAsync(new DescribeRequest { Id = "vm" }, CancellationToken.None);
        var text = exporter.Collect();
        Assert.Equal((CircuitState.Open, CircuitState.Closed), (open.Breaker.State, closed.Breaker.State));
        Assert.Single(text.Split('\n'), l => l.StartsWith("virtrigaud_circuit_breaker_state{", StringComparison.Ordinal));
        Assert.Contains("virtrigaud_circuit_breaker_state{provider=\"p\",provider_type=\"mock\"} 2", text, StringComparison.Ordinal);

        pool.Remove("team-a", "p");

        Assert.Contains("virtrigaud_circuit_breaker_state{provider=\"p\",provider_type=\"mock\"} 0", exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_EndpointChanged_NewConnectionSameBreaker()
    {
        var first = new ScriptedProvider();
        var second = new ScriptedProvider();
        await using var serverA = await StartAsync(first);
        await using var serverB = await StartAsync(second);
        using var metrics = new ManagerMetrics();
        using var pool = new ProviderConnectionPool(new ProviderRpcMetrics(metrics));

        var a = await pool.ConnectAsync(Target(serverA.Port), CancellationToken.None);
        var again = await pool.ConnectAsync(Target(serverA.Port), CancellationToken.None);
        var b = await pool.ConnectAsync(Target(serverB.Port), CancellationToken.None);

        Assert.Same(a, again);
        Assert.NotSame(a, b);
        Assert.Same(a.Breaker, b.Breaker);
        Assert.Same(b, pool.Get("ns", "p"));
    }
}
