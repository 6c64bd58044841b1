using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Tests.Testing;
using VirtRigaud.Provider.V1;
using ServingStatus = VirtRigaud.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VirtRigaud.Provider.Sdk.Tests.Hosting;

public sealed class ProviderServerTests
{
    [Fact]
    public async Task StartAsync_ValidatePasses_HealthServingUnderBothNamesAndProbesReady()
    {
        await using var provider = await InProcessProvider.StartAsync();

        await provider.WaitForHealthAsync("provider", ServingStatus.Serving);

        Assert.Equal(ServingStatus.Serving, await provider.CheckHealthAsync(""));
        Assert.Equal("ok", await provider.Http.GetStringAsync("/healthz"));
        Assert.Equal("ready", await provider.Http.GetStringAsync("/readyz"));
        using var health = JsonDocument.Parse(await provider.Http.GetStringAsync("/health"));
        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", health.RootElement.GetProperty("checks").GetProperty("validate").GetProperty("status").GetString());
        Assert.Equal(2, health.RootElement.GetProperty("summary").GetProperty("healthy").GetInt32());
        Assert.Contains("serving gRPC on http://127.0.0.1:", provider.Log, StringComparison.Ordinal);
        Assert.Contains("PLAINTEXT", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ValidateFailsThenRecovers_HealthFollows()
    {
        await using var provider = await InProcessProvider.StartAsync(o => o with { ReadinessInterval = TimeSpan.FromMilliseconds(50) });
        using var watch = provider.WatchHealth("provider");
        await NextStatusAsync(watch, ServingStatus.Serving);

        provider.Control.ValidateResponse = new ValidateResponse { Ok = false, Message = "vCenter unreachable" };
        await NextStatusAsync(watch, ServingStatus.NotServing);

        using (var readyz = await provider.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
            Assert.Equal("not ready: vCenter unreachable", await readyz.Content.ReadAsStringAsync());
        }

        using (var health = await provider.Http.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("vCenter unreachable", json.RootElement.GetProperty("checks").GetProperty("validate").GetProperty("message").GetString());
        }

        Assert.Equal("ok", await provider.Http.GetStringAsync("/healthz"));
        Assert.Equal(ServingStatus.NotServing, await provider.CheckHealthAsync(""));
        provider.Control.ValidateResponse = new ValidateResponse { Ok = true };
        await NextStatusAsync(watch, ServingStatus.Serving);
        Assert.Contains("Provider is not ready: vCenter unreachable", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ValidateUnimplemented_ReadyOnceListening()
    {
        await using var provider = await InProcessProvider.StartAsync(prepare: c => c.ValidateFailure = new RpcException(new Status(StatusCode.Unimplemented, "no")));

        await provider.WaitForHealthAsync("provider", ServingStatus.Serving);

        Assert.Contains("Validate is not implemented; ready once listening", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ValidateThrowsProviderError_NotReadyWithItsMessage()
    {
        await using var provider = await InProcessProvider.StartAsync(
            o => o with { ReadinessInterval = TimeSpan.FromMilliseconds(50) },
            prepare: c => c.ValidateFailure = ProviderErrors.Unavailable("cannot reach vcenter.example:443"));
        await provider.Control.SecondValidate.Task.WaitAsync(Wait.Long);
        using var watch = provider.WatchHealth("provider");
        Assert.True(await watch.ResponseStream.MoveNext(Wait.Token()));
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);

        provider.Control.ValidateFailure = null;
        await NextStatusAsync(watch, ServingStatus.Serving);

        Assert.Contains("Provider is not ready: Validate failed with Unavailable: cannot reach vcenter.example:443", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterCalls_RequestCountsByMethodAndGoCodeName()
    {
        await using var provider = await InProcessProvider.StartAsync();
        await provider.Client.DescribeAsync(new DescribeRequest { Id = "vm-1" });
        await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "missing" }));
        await Assert.ThrowsAsync<RpcException>(() => provider.Client.DescribeAsync(new DescribeRequest { Id = "missing" }));

        using var response = await provider.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("virtrigaud_provider_rpc_requests_total{code=\"OK\",method=\"Describe\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_provider_rpc_requests_total{code=\"NotFound\",method=\"Describe\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_provider_rpc_duration_seconds_count{method=\"Describe\"} 3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("grpc.health", text, StringComparison.Ordinal);
        await Promtool.AssertLintCleanAsync(text);
    }

    [Fact]
    public async Task Tasks_ExportDisk_StatusAndWatchServedFromTheRegistry()
    {
        await using var provider = await InProcessProvider.StartAsync();
        var export = await provider.Client.ExportDiskAsync(new ExportDiskRequest { VmId = "vm-1", Format = "qcow2" });

        Assert.False((await provider.Client.TaskStatusAsync(new TaskStatusRequest { Task = export.Task })).Done);
        Assert.Contains("virtrigaud_provider_tasks_inflight 1\n", await provider.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);

        var seen = new List<TaskProgress>();
        await foreach (var progress in provider.Client.WatchTaskAsync(export.Task, cancellationToken: Wait.Token()))
        {
            seen.Add(progress);
            if (seen.Count == 1)
            {
                provider.Control.ExportGate.SetResult();
            }
        }

        Assert.False(provider.Client.WatchTaskUnsupported);
        Assert.Equal(25, seen[0].Percentage);
        Assert.Equal("uploading", seen[0].Phase);
        Assert.Equal(new TaskProgress { Task = export.Task, Done = true, BytesDone = TestProviderService.ExportSize, BytesTotal = TestProviderService.ExportSize, Percentage = 100, Message = "copied", Phase = "uploading" }, seen[^1]);
        Assert.Equal(new TaskStatusResponse { Done = true }, await provider.Client.TaskStatusAsync(new TaskStatusRequest { Task = export.Task }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => provider.Client.TaskStatusAsync(new TaskStatusRequest { Task = new TaskRef { Id = "task-nope" } }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Create_ConcurrentDuplicatesOverTheWire_OneVmAndOtherParametersRefused()
    {
        await using var provider = await InProcessProvider.StartAsync();
        var calls = Enumerable.Range(0, 6).Select(_ => provider.Client.CreateAsync(new CreateRequest { Name = "web-1", ClassJson = "{}" })).ToList();

        // The conflicting call must find the others' operation running (CI saw it arrive first and become the one that runs).
        await provider.Control.CreateEntered.Task.WaitAsync(Wait.Long);
        var conflict = await Assert.ThrowsAsync<RpcException>(() => provider.Client.CreateAsync(new CreateRequest { Name = "web-1", ClassJson = "{\"CPU\":8}" }));
        provider.Control.CreateGate.SetResult();

        var created = await Task.WhenAll(calls).WaitAsync(Wait.Long);

        Assert.All(created, c => Assert.Equal("vm-web-1", c.Id));
        Assert.Equal(1, provider.Control.Creates);
        Assert.Equal(StatusCode.AlreadyExists, conflict.StatusCode);
    }

    [Fact]
    public async Task StopAsync_InFlightCall_DrainsItBeforeStopping()
    {
        await using var provider = await InProcessProvider.StartAsync();
        await provider.WaitForHealthAsync("provider", ServingStatus.Serving);
        using var healthWatch = provider.WatchHealth("provider");
        Assert.True(await healthWatch.ResponseStream.MoveNext(Wait.Token()));
        Assert.Equal(ServingStatus.Serving, healthWatch.ResponseStream.Current.Status);
        var power = provider.Client.PowerAsync(new PowerRequest { Id = "vm-1", Op = PowerOp.On });
        await provider.Control.PowerEntered.Task.WaitAsync(Wait.Long);

        var stop = provider.Server.StopAsync();

        Assert.True(await healthWatch.ResponseStream.MoveNext(Wait.Token()));
        Assert.Equal(ServingStatus.NotServing, healthWatch.ResponseStream.Current.Status);

        using (var readyz = await provider.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
            Assert.Equal("not ready: shutting down", await readyz.Content.ReadAsStringAsync());
        }

        Assert.True(provider.Server.Services.GetRequiredService<ProviderLifecycle>().Stopping.IsCancellationRequested);
        Assert.False(stop.IsCompleted);
        provider.Control.PowerGate.SetResult();
        await power.WaitAsync(Wait.Long);
        await stop.WaitAsync(Wait.Long);
        Assert.Contains("Provider stopped", provider.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace period over", provider.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_GraceOver_StuckCallAbortedAndStreamsEnded()
    {
        await using var provider = await InProcessProvider.StartAsync(o => o with { ShutdownGracePeriod = TimeSpan.FromMilliseconds(300) });
        var power = provider.Client.PowerAsync(new PowerRequest { Id = "vm-1", Op = PowerOp.Off });
        await provider.Control.PowerEntered.Task.WaitAsync(Wait.Long);
        var export = await provider.Client.ExportDiskAsync(new ExportDiskRequest { VmId = "vm-1" });
        var watch = provider.Client.WatchTaskAsync(export.Task, cancellationToken: Wait.Token()).GetAsyncEnumerator();
        Assert.True(await watch.MoveNextAsync());

        await provider.Server.StopAsync().WaitAsync(Wait.Long);

        await Assert.ThrowsAsync<RpcException>(() => power);
        var ended = await Record.ExceptionAsync(async () =>
        {
            while (await watch.MoveNextAsync())
            {
            }
        });
        Assert.True(ended is RpcException || watch.Current.Done, $"the watch should end with the shutdown, ended with {ended}");
        await watch.DisposeAsync();
        Assert.Contains("Grace period over with 1 calls and 1 tasks still running", provider.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "TLS material missing at")]
    [InlineData(true, "TLS material partially present; missing required files:")]
    public async Task StartAsync_TlsMaterialMissingOrPartial_RefusedWithExitCodeThree(bool partial, string message)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-sdk-refuse-").FullName;
        try
        {
            if (partial)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), "x");
            }

            var e = await Assert.ThrowsAsync<ProviderStartupException>(() => InProcessProvider.StartAsync(o => o with { TlsDirectory = directory, InsecureOptIn = partial }));

            Assert.Equal(ProviderExitCodes.TlsRefused, e.ExitCode);
            Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_UnloadableTlsMaterial_RefusedWithExitCodeThree()
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-sdk-garbage-").FullName;
        try
        {
            foreach (var file in new[] { "tls.crt", "tls.key", "ca.crt" })
            {
                await File.WriteAllTextAsync(Path.Combine(directory, file), "not PEM");
            }

            var e = await Assert.ThrowsAsync<ProviderStartupException>(() => InProcessProvider.StartAsync(o => o with { TlsDirectory = directory }));

            Assert.Equal(ProviderExitCodes.TlsRefused, e.ExitCode);
            Assert.Contains($"TLS material in {directory} cannot be loaded", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ExitCodeTwo()
    {
        var e = await Assert.ThrowsAsync<ProviderStartupException>(() => InProcessProvider.StartAsync(o => o with { BindAddress = "localhost" }));

        Assert.Equal(ProviderExitCodes.Usage, e.ExitCode);
        Assert.Contains("--bind-address localhost is not an IP address", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortTaken_ExitCodeOneNamingThePort()
    {
        await using var first = await InProcessProvider.StartAsync();

        var e = await Assert.ThrowsAsync<ProviderStartupException>(() => InProcessProvider.StartAsync(o => o with { Port = first.Server.Port }));

        Assert.Equal(ProviderExitCodes.Failure, e.ExitCode);
        Assert.Contains($"cannot listen on the gRPC port {first.Server.Port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoImplementation_ExitCodeOneSayingWhatToRegister()
    {
        var e = await Assert.ThrowsAsync<ProviderStartupException>(() => InProcessProvider.StartAsync(services: s => s.RemoveAll<ProviderServiceBase>()));

        Assert.Equal(ProviderExitCodes.Failure, e.ExitCode);
        Assert.Contains("services.AddSingleton<ProviderServiceBase, YourProvider>()", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads the watch until it reports <paramref name="expected"/>.</summary>
    private static async Task NextStatusAsync(AsyncServerStreamingCall<Grpc.Health.V1.HealthCheckResponse> watch, ServingStatus expected)
    {
        while (await watch.ResponseStream.MoveNext(Wait.Token()))
        {
            if (watch.ResponseStream.Current.Status == expected)
            {
                return;
            }
        }

        Assert.Fail($"the health watch ended before {expected}");
    }
}
