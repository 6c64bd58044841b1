using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Discovery;

/// <summary>
/// The machine's kubectl (the version dispatcher) against the real server over TLS with the admin kubeconfig:
/// discovery, explain and OpenAPI through the whole pipeline (authentication, authorization, routing).
/// </summary>
public sealed class KubectlApiServerTests : IAsyncLifetime
{
    private TestApiServer _server = null!;

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ApiResources_ThroughTheRealServer_ListsEveryKindAndTheStandaloneCoreResources()
    {
        var output = await RunAsync("api-resources");

        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(16, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("virtualmachines ", StringComparison.Ordinal) && r.Contains(" vm ", StringComparison.Ordinal));
        foreach (var resource in (string[])["configmaps ", "events ", "namespaces ", "secrets ", "leases ", "events "])
        {
            Assert.Contains(rows, r => r.StartsWith(resource, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ApiVersions_ThroughTheRealServer_ListsOurGroupVersionAndTheCoreOnes()
    {
        Assert.Equal("coordination.k8s.io/v1\nevents.k8s.io/v1\ninfra.virtrigaud.io/v1beta1\nv1\n", await RunAsync("api-versions"));
    }

    [Fact]
    public async Task ApiResourcesAndVersions_WithoutTheStandaloneCoreApi_ListOnlyOurGroup()
    {
        await using var aggregated = await TestApiServer.StartAsync(o => o with { StandaloneCoreApi = false });

        var resources = await KubectlRunner.RunAsync("/usr/bin/kubectl", aggregated.KubeconfigPath, aggregated.DataDirectory, ["api-resources"]);
        var versions = await KubectlRunner.RunAsync("/usr/bin/kubectl", aggregated.KubeconfigPath, aggregated.DataDirectory, ["api-versions"]);

        Assert.Equal(10, resources.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count());
        Assert.Equal("infra.virtrigaud.io/v1beta1\n", versions);
    }

    [Fact]
    public async Task ExplainVmSpec_ThroughTheRealServer_PrintsTheSpec()
    {
        var output = await RunAsync("explain", "vm.spec");

        Assert.Contains("The desired virtual machine", output);
        Assert.Contains("providerRef", output);
    }

    [Fact]
    public async Task GetRawOpenApiV2_ThroughTheRealServer_ReturnsSwagger()
    {
        var output = await RunAsync("get", "--raw", "/openapi/v2");

        Assert.NotNull(JsonNode.Parse(output)!["definitions"]!["io.virtrigaud.infra.v1beta1.VirtualMachine"]);
    }

    [Fact]
    public async Task GetRawReadyz_ThroughTheRealServer_AllChecksPass()
    {
        var output = await RunAsync("get", "--raw", "/readyz?verbose");

        Assert.Equal("[+]ping ok\n[+]storage ok\n[+]shutdown ok\nreadyz check passed\n", output);
    }

    private Task<string> RunAsync(params string[] args) =>
        KubectlRunner.RunAsync("/usr/bin/kubectl", _server.KubeconfigPath, _server.DataDirectory, args);
}
