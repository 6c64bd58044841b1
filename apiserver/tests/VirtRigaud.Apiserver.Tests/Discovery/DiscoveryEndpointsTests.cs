using System.Net;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Tests.Discovery;

public sealed class DiscoveryEndpointsTests : IAsyncLifetime
{
    private const string V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string V2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
    private const string KubectlAccept = V2 + "," + V2Beta1 + ",application/json";
    private const string Gv = "/apis/infra.virtrigaud.io/v1beta1";

    private static readonly string[] ResourceVerbs = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private EndpointTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EndpointTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Apis_PlainJson_ReturnsApiGroupList()
    {
        var (response, body) = await GetAsync("/apis", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal("APIGroupList", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        var group = Assert.Single(body["groups"]!.AsArray())!;
        Assert.Equal("infra.virtrigaud.io", (string?)group["name"]);
        Assert.Null(group["kind"]);
        var version = Assert.Single(group["versions"]!.AsArray())!;
        Assert.Equal("infra.virtrigaud.io/v1beta1", (string?)version["groupVersion"]);
        Assert.Equal("v1beta1", (string?)version["version"]);
        Assert.Equal("infra.virtrigaud.io/v1beta1", (string?)group["preferredVersion"]!["groupVersion"]);
        Assert.Equal("v1beta1", (string?)group["preferredVersion"]!["version"]);
    }

    [Theory]
    [InlineData(V2, "v2")]
    [InlineData(V2Beta1, "v2beta1")]
    [InlineData(KubectlAccept, "v2")]
    public async Task Apis_AggregatedAccept_ReturnsDiscoveryListWithExactContentType(string accept, string version)
    {
        var (response, body) = await GetAsync("/apis", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList", RawContentType(response));
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("APIGroupDiscoveryList", (string?)body["kind"]);
        Assert.Equal("apidiscovery.k8s.io/" + version, (string?)body["apiVersion"]);
        Assert.Empty(body["metadata"]!.AsObject());
        var group = Assert.Single(body["items"]!.AsArray())!;
        Assert.Equal("infra.virtrigaud.io", (string?)group["metadata"]!["name"]);
        var gv = Assert.Single(group["versions"]!.AsArray())!;
        Assert.Equal("v1beta1", (string?)gv["version"]);
        Assert.Equal("Current", (string?)gv["freshness"]);
        var resources = gv["resources"]!.AsArray();
        Assert.Equal(Kinds.All.Select(k => k.Plural).Order(StringComparer.Ordinal), resources.Select(r => (string)r!["resource"]!));
    }

    [Fact]
    public async Task Apis_AggregatedV2_DescribesVirtualMachinesAndVmSetScale()
    {
        var (_, body) = await GetAsync("/apis", V2);
        var resources = body["items"]![0]!["versions"]![0]!["resources"]!.AsArray();

        var vm = resources.Single(r => (string?)r!["resource"] == "virtualmachines")!;
        AssertGvk(vm["responseKind"], "infra.virtrigaud.io", "v1beta1", "VirtualMachine");
        Assert.Equal("Namespaced", (string?)vm["scope"]);
        Assert.Equal("virtualmachine", (string?)vm["singularResource"]);
        Assert.Equal(ResourceVerbs, Strings(vm["verbs"]));
        Assert.Equal(["vm"], Strings(vm["shortNames"]));
        Assert.Null(vm["categories"]);
        var subs = vm["subresources"]!.AsArray();
        Assert.Equal(["console", "power", "status"], subs.Select(s => (string)s!["subresource"]!));
        AssertGvk(subs[0]!["responseKind"], "infra.virtrigaud.io", "v1beta1", "VirtualMachineConsole");
        Assert.Equal(["get"], Strings(subs[0]!["verbs"]));
        AssertGvk(subs[1]!["responseKind"], "infra.virtrigaud.io", "v1beta1", "VirtualMachinePowerRequest");
        Assert.Equal(["create"], Strings(subs[1]!["verbs"]));
        AssertGvk(subs[2]!["responseKind"], "infra.virtrigaud.io", "v1beta1", "VirtualMachine");
        Assert.Equal(SubresourceVerbs, Strings(subs[2]!["verbs"]));

        var vmset = resources.Single(r => (string?)r!["resource"] == "vmsets")!;
        var vmsetSubs = vmset["subresources"]!.AsArray();
        Assert.Equal(["scale", "status"], vmsetSubs.Select(s => (string)s!["subresource"]!));
        AssertGvk(vmsetSubs[0]!["responseKind"], "autoscaling", "v1", "Scale");
        Assert.Equal(SubresourceVerbs, Strings(vmsetSubs[0]!["verbs"]));

        foreach (var other in resources.Where(r => (string?)r!["resource"] is not ("virtualmachines" or "vmsets")))
        {
            Assert.Equal(["status"], other!["subresources"]!.AsArray().Select(s => (string)s!["subresource"]!));
        }
    }

    [Theory]
    [InlineData("", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("application/json, */*", "application/json")]
    [InlineData("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + V2Beta1, V2Beta1)]
    [InlineData(V2 + ";q=0.5,application/json", "application/json")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io," + V2, V2)]
    [InlineData("application/json;v=v2;as=APIGroupDiscoveryList;g=apidiscovery.k8s.io", V2)]
    [InlineData("application/yaml", null)]
    [InlineData("application/vnd.kubernetes.protobuf", null)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", null)]
    [InlineData("text/html", null)]
    public async Task Apis_AcceptNegotiation_PicksFirstSupportedOr406(string accept, string? expectedContentType)
    {
        var (response, body) = await GetAsync("/apis", accept);

        if (expectedContentType is null)
        {
            Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
            Assert.Equal("Status", (string?)body["kind"]);
            Assert.Equal("Failure", (string?)body["status"]);
            Assert.Equal("NotAcceptable", (string?)body["reason"]);
            Assert.Equal(406, (int?)body["code"]);
            Assert.StartsWith("only the following media types are accepted: application/json", (string?)body["message"]);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expectedContentType, RawContentType(response));
        }
    }

    [Fact]
    public async Task Apis_IfNoneMatchWithCurrentETag_Returns304()
    {
        var (first, _) = await GetAsync("/apis", V2);
        var etag = first.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", V2);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var second = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag!.Tag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Apis_IfNoneMatchWithOtherETag_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", V2);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"0123\"");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Apis_V2AndV2Beta1_HaveDifferentETagsThatAreHashesOfTheBody()
    {
        var (v2, _) = await GetAsync("/apis", V2);
        var (v2beta1, _) = await GetAsync("/apis", V2Beta1);

        Assert.NotEqual(v2.Headers.ETag!.Tag, v2beta1.Headers.ETag!.Tag);
        var bytes = await v2.Content.ReadAsByteArrayAsync();
        Assert.Equal("\"" + Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(bytes)) + "\"", v2.Headers.ETag.Tag);
    }

    [Fact]
    public async Task GroupVersion_ReturnsResourceListWithSubresourcesSortedByName()
    {
        var (response, body) = await GetAsync(Gv, "application/json, */*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("APIResourceList", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal("infra.virtrigaud.io/v1beta1", (string?)body["groupVersion"]);
        var names = body["resources"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
        var expected = Kinds.All.SelectMany(k => new[] { k.Plural, k.Plural + "/status" })
            .Append("vmsets/scale").Append("virtualmachines/power").Append("virtualmachines/console")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task GroupVersion_VirtualMachineEntries_MatchKubeApiserverShapes()
    {
        var (_, body) = await GetAsync(Gv, "application/json");
        var resources = body["resources"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!.AsObject());

        var vm = resources["virtualmachines"];
        Assert.Equal("virtualmachine", (string?)vm["singularName"]);
        Assert.True((bool)vm["namespaced"]!);
        Assert.Equal("VirtualMachine", (string?)vm["kind"]);
        Assert.Equal(ResourceVerbs, Strings(vm["verbs"]));
        Assert.Equal(["vm"], Strings(vm["shortNames"]));
        Assert.False(vm.ContainsKey("categories"));
        Assert.False(vm.ContainsKey("group"));
        // Computed independently: base64(sha256("infra.virtrigaud.io/v1beta1/VirtualMachine")[:8]).
        Assert.Equal("Fe9rdec49bY=", (string?)vm["storageVersionHash"]);

        var status = resources["virtualmachines/status"];
        Assert.Equal("", (string?)status["singularName"]);
        Assert.True((bool)status["namespaced"]!);
        Assert.Equal("VirtualMachine", (string?)status["kind"]);
        Assert.Equal(SubresourceVerbs, Strings(status["verbs"]));
        Assert.False(status.ContainsKey("storageVersionHash"));

        Assert.Equal(["create"], Strings(resources["virtualmachines/power"]["verbs"]));
        Assert.Equal("VirtualMachinePowerRequest", (string?)resources["virtualmachines/power"]["kind"]);
        Assert.Equal(["get"], Strings(resources["virtualmachines/console"]["verbs"]));
        Assert.Equal("VirtualMachineConsole", (string?)resources["virtualmachines/console"]["kind"]);

        var scale = resources["vmsets/scale"];
        Assert.Equal("autoscaling", (string?)scale["group"]);
        Assert.Equal("v1", (string?)scale["version"]);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal(SubresourceVerbs, Strings(scale["verbs"]));
    }

    [Fact]
    public async Task GroupVersion_EveryKind_HasItsNamesAndStorageVersionHash()
    {
        var (_, body) = await GetAsync(Gv, "application/json");
        var resources = body["resources"]!.AsArray().ToDictionary(r => (string)r!["name"]!, r => r!.AsObject());

        foreach (var kind in Kinds.All)
        {
            var entry = resources[kind.Plural];
            Assert.Equal(kind.Kind, (string?)entry["kind"]);
            Assert.Equal(kind.Singular, (string?)entry["singularName"]);
            Assert.Equal(kind.ShortNames, Strings(entry["shortNames"]));
            var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("infra.virtrigaud.io/v1beta1/" + kind.Kind));
            Assert.Equal(Convert.ToBase64String(digest.AsSpan(0, 8)), (string?)entry["storageVersionHash"]);
        }
    }

    [Fact]
    public async Task GroupVersion_AggregatedOnlyAccept_Returns406()
    {
        var (response, _) = await GetAsync(Gv, V2);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Group_ReturnsApiGroup()
    {
        var (response, body) = await GetAsync("/apis/infra.virtrigaud.io", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("APIGroup", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal("infra.virtrigaud.io", (string?)body["name"]);
        Assert.Equal("infra.virtrigaud.io/v1beta1", (string?)Assert.Single(body["versions"]!.AsArray())!["groupVersion"]);
        Assert.Equal("v1beta1", (string?)body["preferredVersion"]!["version"]);
    }

    [Fact]
    public async Task Api_PlainJson_ReturnsApiVersionsWithoutVersions()
    {
        var (response, body) = await GetAsync("/api", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("APIVersions", (string?)body["kind"]);
        Assert.Empty(body["versions"]!.AsArray());
        Assert.Empty(body["serverAddressByClientCIDRs"]!.AsArray());
    }

    [Fact]
    public async Task Api_AggregatedAccept_ReturnsEmptyDiscoveryList()
    {
        var (response, body) = await GetAsync("/api", KubectlAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(V2, RawContentType(response));
        Assert.Equal("APIGroupDiscoveryList", (string?)body["kind"]);
        Assert.Empty(body["items"]!.AsArray());
    }

    [Fact]
    public async Task Root_ListsServedPaths()
    {
        var (response, body) = await GetAsync("/", "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = Strings(body["paths"]);
        Assert.Contains("/apis/infra.virtrigaud.io/v1beta1", paths);
        Assert.Contains("/openapi/v2", paths);
        Assert.Contains("/readyz", paths);
    }

    private static void AssertGvk(JsonNode? gvk, string group, string version, string kind)
    {
        Assert.Equal(group, (string?)gvk!["group"]);
        Assert.Equal(version, (string?)gvk["version"]);
        Assert.Equal(kind, (string?)gvk["kind"]);
    }

    /// <summary>The Content-Type exactly as sent (HttpClient's parsed form re-adds spaces between parameters).</summary>
    private static string RawContentType(HttpResponseMessage response) => response.Content.Headers.NonValidated["Content-Type"].ToString();

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(v => (string)v!).ToList();

    private async Task<(HttpResponseMessage Response, JsonObject Body)> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _host.Client.SendAsync(request);
        // Bytes, not a string: decoding text would parse (and normalize) Content-Type before RawContentType reads it.
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response, bytes.Length == 0 ? [] : JsonNode.Parse(bytes)!.AsObject());
    }
}
