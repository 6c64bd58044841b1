using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VirtRigaud.Apiserver.Tests.Discovery;

/// <summary>
/// The real kubectl binaries of this machine (the version dispatcher and two explicit versions) against the discovery,
/// OpenAPI and version endpoints: api-resources, api-versions, explain, get --raw. Each run gets its own discovery
/// cache directory, so every command really fetches discovery.
/// </summary>
public sealed partial class KubectlDiscoveryTests : IAsyncLifetime
{
    private const string KubectlDirectory = "/usr/lib/google-cloud-sdk/bin";

    private EndpointTestHost _host = null!;
    private string _directory = null!;

    public static TheoryData<string> Kubectls => new() { "/usr/bin/kubectl", KubectlDirectory + "/kubectl.1.27", KubectlDirectory + "/kubectl.1.33" };

    /// <summary>
    /// kubectl 1.29 and later explain from OpenAPI v3 JSON (1.27 and 1.28 read OpenAPI v2 in protobuf; they are tested
    /// in OpenApi/Protobuf/KubectlProtobufOpenApiTests).
    /// </summary>
    public static TheoryData<string> ExplainingKubectls => new() { "/usr/bin/kubectl", KubectlDirectory + "/kubectl.1.29", KubectlDirectory + "/kubectl.1.33" };

    public async Task InitializeAsync()
    {
        _host = await EndpointTestHost.StartAsync();
        _directory = Directory.CreateTempSubdirectory("virtrigaud-kubectl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_directory, "kubeconfig"), $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {_host.Client.BaseAddress!.ToString().TrimEnd('/')}
            users:
            - name: test
              user: {"{}"}
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: default
            current-context: test
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task ApiResources_ListsEveryKindWithShortNames(string kubectl)
    {
        var output = await RunAsync(kubectl, "api-resources", "--api-group=infra.virtrigaud.io", "-o", "wide");

        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => Spaces().Split(l.Trim())).ToList();
        Assert.Equal(10, rows.Count);
        var vm = rows.Single(r => r[0] == "virtualmachines");
        Assert.Equal(["virtualmachines", "vm", "infra.virtrigaud.io/v1beta1", "true", "VirtualMachine", "delete,deletecollection,get,list,patch,create,update,watch"], vm);
        Assert.Contains(rows, r => r[0] == "vmsets" && r[1] == "vmset" && r[4] == "VMSet");
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task ApiVersions_ListsOurGroupVersionOnly(string kubectl)
    {
        var output = await RunAsync(kubectl, "api-versions");

        Assert.Equal("infra.virtrigaud.io/v1beta1\n", output);
    }

    [Theory]
    [MemberData(nameof(ExplainingKubectls))]
    public async Task ExplainSpec_PrintsTheSchemaFromOpenApiV3(string kubectl)
    {
        var output = await RunAsync(kubectl, "explain", "vm.spec");

        Assert.Contains("KIND:", output);
        Assert.Contains("VirtualMachine", output);
        Assert.Contains("infra.virtrigaud.io", output);
        Assert.Contains("The desired virtual machine", output);
        Assert.Contains("providerRef", output);
        Assert.Contains("powerState", output);
    }

    [Fact]
    public async Task Explain_Kind_PrintsRootDescriptionAndMetadata()
    {
        var output = await RunAsync("/usr/bin/kubectl", "explain", "virtualmachines");

        Assert.Contains("VirtualMachine is a virtual machine on a hypervisor provider", output);
        Assert.Contains("metadata", output);
        Assert.Contains("ObjectMeta", output);
    }

    [Fact]
    public async Task ExplainMetadata_FollowsTheObjectMetaReference()
    {
        var output = await RunAsync("/usr/bin/kubectl", "explain", "vmset.metadata.ownerReferences");

        Assert.Contains("OwnerReference", output);
        Assert.Contains("uid", output);
    }

    [Fact]
    public async Task GetRaw_OpenApiV2_ReturnsSwaggerJson()
    {
        var output = await RunAsync("/usr/bin/kubectl", "get", "--raw", "/openapi/v2");

        Assert.Equal("2.0", (string?)JsonNode.Parse(output)!["swagger"]);
    }

    [Fact]
    public async Task Version_DispatcherPicksKubectl133()
    {
        var output = await RunAsync("/usr/bin/kubectl", "version");

        Assert.Matches(@"Client Version: v1\.33\.", output);
        Assert.Matches(@"Server Version: v1\.33\.0-virtrigaud\.", output);
        Assert.DoesNotContain("WARNING", output);
    }

    private Task<string> RunAsync(string kubectl, params string[] args) =>
        KubectlRunner.RunAsync(kubectl, Path.Combine(_directory, "kubeconfig"), _directory, args);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
