using System.Net;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.OpenApi;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Tests.Discovery;

namespace VirtRigaud.Apiserver.Tests.OpenApi;

public sealed class OpenApiEndpointsTests : IAsyncLifetime
{
    private const string GvUrl = "/openapi/v3/apis/infra.virtrigaud.io/v1beta1";

    private static string V3Hash => ApiCatalog.GroupOnly.OpenApi.V3Document("apis/infra.virtrigaud.io/v1beta1")!.Hash;
    private const string VmPath = "/apis/infra.virtrigaud.io/v1beta1/namespaces/{namespace}/virtualmachines";

    private EndpointTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EndpointTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task V2_EveryReference_ResolvesToADefinition()
    {
        var doc = await GetJsonAsync("/openapi/v2");
        var definitions = doc["definitions"]!.AsObject();

        var refs = References(doc).ToList();
        Assert.NotEmpty(refs);
        foreach (var r in refs)
        {
            Assert.StartsWith("#/definitions/", r);
            Assert.True(definitions.ContainsKey(r["#/definitions/".Length..]), $"{r} does not resolve");
        }
    }

    [Fact]
    public async Task V2_Document_IsSwagger20WithSecurity()
    {
        var doc = await GetJsonAsync("/openapi/v2");

        Assert.Equal("2.0", (string?)doc["swagger"]);
        Assert.StartsWith("v1.33.0-virtrigaud.", (string?)doc["info"]!["version"]);
        Assert.Equal("apiKey", (string?)doc["securityDefinitions"]!["BearerToken"]!["type"]);
    }

    [Fact]
    public async Task V2_EveryKindAndListKind_HasGroupVersionKindExtension()
    {
        var definitions = (await GetJsonAsync("/openapi/v2"))["definitions"]!.AsObject();

        foreach (var kind in Kinds.All)
        {
            foreach (var k in new[] { kind.Kind, kind.ListKind })
            {
                var definition = definitions["io.virtrigaud.infra.v1beta1." + k]!;
                var gvk = Assert.Single(definition["x-kubernetes-group-version-kind"]!.AsArray())!;
                Assert.Equal("infra.virtrigaud.io", (string?)gvk["group"]);
                Assert.Equal("v1beta1", (string?)gvk["version"]);
                Assert.Equal(k, (string?)gvk["kind"]);
            }
        }
    }

    [Fact]
    public async Task V2_KindDefinitions_ReferToObjectMetaAndHaveNoV3OnlyKeywords()
    {
        var definitions = (await GetJsonAsync("/openapi/v2"))["definitions"]!.AsObject();

        foreach (var kind in Kinds.All)
        {
            var definition = definitions["io.virtrigaud.infra.v1beta1." + kind.Kind]!;
            Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)definition["properties"]!["metadata"]!["$ref"]);
            Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", (string?)definitions["io.virtrigaud.infra.v1beta1." + kind.ListKind]!["properties"]!["metadata"]!["$ref"]);
            Assert.Equal("#/definitions/io.virtrigaud.infra.v1beta1." + kind.Kind, (string?)definitions["io.virtrigaud.infra.v1beta1." + kind.ListKind]!["properties"]!["items"]!["items"]!["$ref"]);
            var keys = Keys(definition).ToHashSet();
            Assert.DoesNotContain("nullable", keys);
            Assert.DoesNotContain("anyOf", keys);
            Assert.DoesNotContain("allOf", keys);
            Assert.False(string.IsNullOrEmpty((string?)definition["description"]));
        }
    }

    [Fact]
    public async Task V2_PatchOperations_ConsumeExactlyTheSupportedPatchTypes()
    {
        var doc = await GetJsonAsync("/openapi/v2");

        var patches = Operations(doc).Where(o => o.Method == "patch").ToList();
        Assert.Equal(Kinds.All.Count * 2 + 1, patches.Count);
        foreach (var (_, _, op) in patches)
        {
            Assert.Equal(PatchContentTypes.Supported, op["consumes"]!.AsArray().Select(c => (string)c!));
            Assert.Equal("patch", (string?)op["x-kubernetes-action"]);
            Assert.Contains("fieldValidation", ParameterNames(op));
            Assert.Contains("force", ParameterNames(op));
        }

        Assert.DoesNotContain(PatchContentTypes.ApplyPatchYaml, PatchContentTypes.Supported);
    }

    [Theory]
    [InlineData(VmPath, "get", "listInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "list", "VirtualMachine")]
    [InlineData(VmPath, "post", "createInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "post", "VirtualMachine")]
    [InlineData(VmPath, "delete", "deleteInfraVirtrigaudIoV1beta1CollectionNamespacedVirtualMachine", "deletecollection", "VirtualMachine")]
    [InlineData(VmPath + "/{name}", "get", "readInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "get", "VirtualMachine")]
    [InlineData(VmPath + "/{name}", "put", "replaceInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "put", "VirtualMachine")]
    [InlineData(VmPath + "/{name}", "delete", "deleteInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "delete", "VirtualMachine")]
    [InlineData(VmPath + "/{name}", "patch", "patchInfraVirtrigaudIoV1beta1NamespacedVirtualMachine", "patch", "VirtualMachine")]
    [InlineData(VmPath + "/{name}/status", "get", "readInfraVirtrigaudIoV1beta1NamespacedVirtualMachineStatus", "get", "VirtualMachine")]
    [InlineData(VmPath + "/{name}/status", "put", "replaceInfraVirtrigaudIoV1beta1NamespacedVirtualMachineStatus", "put", "VirtualMachine")]
    [InlineData(VmPath + "/{name}/status", "patch", "patchInfraVirtrigaudIoV1beta1NamespacedVirtualMachineStatus", "patch", "VirtualMachine")]
    [InlineData("/apis/infra.virtrigaud.io/v1beta1/virtualmachines", "get", "listInfraVirtrigaudIoV1beta1VirtualMachineForAllNamespaces", "list", "VirtualMachine")]
    [InlineData("/apis/infra.virtrigaud.io/v1beta1/namespaces/{namespace}/vmsets/{name}/scale", "patch", "patchInfraVirtrigaudIoV1beta1NamespacedVMSetScale", "patch", "Scale")]
    [InlineData("/apis/infra.virtrigaud.io/v1beta1/namespaces/{namespace}/vmsets/{name}/scale", "get", "readInfraVirtrigaudIoV1beta1NamespacedVMSetScale", "get", "Scale")]
    [InlineData(VmPath + "/{name}/power", "post", "createInfraVirtrigaudIoV1beta1NamespacedVirtualMachinePower", "post", "VirtualMachinePowerRequest")]
    [InlineData(VmPath + "/{name}/console", "get", "readInfraVirtrigaudIoV1beta1NamespacedVirtualMachineConsole", "get", "VirtualMachineConsole")]
    public async Task V2_Operations_AreNamedLikeKubeApiserver(string path, string method, string operationId, string action, string kind)
    {
        var doc = await GetJsonAsync("/openapi/v2");

        var op = doc["paths"]![path]![method]!;
        Assert.Equal(operationId, (string?)op["operationId"]);
        Assert.Equal(action, (string?)op["x-kubernetes-action"]);
        Assert.Equal(kind, (string?)op["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal(["infraVirtrigaudIo_v1beta1"], op["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task V2_WriteAndListOperations_DeclareTheirQueryParameters()
    {
        var doc = await GetJsonAsync("/openapi/v2");
        var collection = doc["paths"]![VmPath]!;

        Assert.Equal(
            ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"],
            ParameterNames(collection["get"]!));
        Assert.Equal(["body", "dryRun", "fieldManager", "fieldValidation"], ParameterNames(collection["post"]!));
        Assert.Equal(["namespace", "pretty"], collection["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["body", "dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"], ParameterNames(doc["paths"]![VmPath + "/{name}"]!["delete"]!));
        Assert.Contains("application/json;stream=watch", collection["get"]!["produces"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task V2_VmSetScale_IsTheOnlyScalePath()
    {
        var doc = await GetJsonAsync("/openapi/v2");

        var scalePaths = doc["paths"]!.AsObject().Select(p => p.Key).Where(p => p.EndsWith("/scale", StringComparison.Ordinal));
        Assert.Equal(["/apis/infra.virtrigaud.io/v1beta1/namespaces/{namespace}/vmsets/{name}/scale"], scalePaths);
    }

    [Fact]
    public async Task V2_IfNoneMatch_Returns304()
    {
        using var first = await _host.Client.GetAsync("/openapi/v2");
        var etag = first.Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var second = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/openapi/v3", "application/com.github.proto-openapi.spec.v3@v1.0+protobuf")]
    [InlineData(GvUrl, "application/com.github.proto-openapi.spec.v3@v1.0+protobuf")]
    public async Task Documents_ProtobufOnlyAccept_Returns406(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NotAcceptable", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reason"]);
    }

    [Fact]
    public async Task V3Index_PointsAtTheGroupVersionWithItsHash()
    {
        using var indexResponse = await _host.Client.GetAsync("/openapi/v3");
        var index = JsonNode.Parse(await indexResponse.Content.ReadAsStringAsync())!;
        using var documentResponse = await _host.Client.GetAsync(GvUrl);
        var bytes = await documentResponse.Content.ReadAsByteArrayAsync();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(bytes));

        Assert.NotNull(indexResponse.Headers.ETag);
        var paths = index["paths"]!.AsObject();
        Assert.Equal(["apis/infra.virtrigaud.io/v1beta1"], paths.Select(p => p.Key));
        Assert.Equal(GvUrl + "?hash=" + hash, (string?)paths["apis/infra.virtrigaud.io/v1beta1"]!["serverRelativeURL"]);
        Assert.Equal("\"" + hash + "\"", documentResponse.Headers.ETag!.Tag);
        Assert.Null(documentResponse.Headers.CacheControl);
    }

    [Fact]
    public async Task V3Document_CurrentHash_IsImmutable()
    {
        using var response = await _host.Client.GetAsync(GvUrl + "?hash=" + V3Hash);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Contains(response.Headers.CacheControl.Extensions, e => e.Name == "immutable");
        Assert.True(response.Content.Headers.Expires > DateTimeOffset.UtcNow.AddDays(300));
    }

    [Fact]
    public async Task V3Document_OldHash_RedirectsToCurrent()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.Client.BaseAddress };
        using var response = await client.GetAsync(GvUrl + "?hash=0123");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(GvUrl + "?hash=" + V3Hash, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task V3Document_IfNoneMatch_Returns304()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GvUrl);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"" + V3Hash + "\"");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task V3Document_EveryReference_ResolvesInsideTheDocument()
    {
        var doc = await GetJsonAsync(GvUrl);
        var schemas = doc["components"]!["schemas"]!.AsObject();

        Assert.Equal("3.0.0", (string?)doc["openapi"]);
        foreach (var r in References(doc))
        {
            Assert.StartsWith("#/components/schemas/", r);
            Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{r} does not resolve");
        }
    }

    [Fact]
    public async Task V3Document_PatchOperations_ListSupportedTypesAndFieldValidation()
    {
        var doc = await GetJsonAsync(GvUrl);

        var patches = Operations(doc).Where(o => o.Method == "patch").ToList();
        Assert.Equal(Kinds.All.Count * 2 + 1, patches.Count);
        foreach (var (_, _, op) in patches)
        {
            Assert.Equal(PatchContentTypes.Supported, op["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
            Assert.True((bool)op["requestBody"]!["required"]!);
            Assert.Contains("fieldValidation", ParameterNames(op));
            Assert.NotNull(op["x-kubernetes-group-version-kind"]!["kind"]);
        }
    }

    [Fact]
    public async Task V3Document_Kinds_HaveDescriptionsAndMetadataReference()
    {
        var schemas = (await GetJsonAsync(GvUrl))["components"]!["schemas"]!;

        foreach (var kind in Kinds.All)
        {
            var schema = schemas["io.virtrigaud.infra.v1beta1." + kind.Kind]!;
            Assert.False(string.IsNullOrEmpty((string?)schema["description"]));
            Assert.False(string.IsNullOrEmpty((string?)schema["properties"]!["spec"]!["description"]));
            Assert.False(string.IsNullOrEmpty((string?)schema["properties"]!["status"]!["description"]));
            var metadata = schema["properties"]!["metadata"]!;
            Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)metadata["allOf"]![0]!["$ref"]);
            Assert.Empty(metadata["default"]!.AsObject());
            Assert.Equal(kind.Kind, (string?)schema["x-kubernetes-group-version-kind"]![0]!["kind"]);
        }
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(m => m.Key != "parameters")
            .Select(m => (p.Key, m.Key, m.Value!)));

    private static List<string> ParameterNames(JsonNode op) =>
        op["parameters"]?.AsArray().Select(p => (string)p!["name"]!).ToList() ?? [];

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await _host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
