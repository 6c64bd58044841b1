using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static VirtRigaud.Apiserver.Tests.Http.Api;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class ResourceEndpointsTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Create_VirtualMachine_Returns201WithServerMetadata()
    {
        var ns = fixture.NewNamespace("create");
        var vm = Vm("web-1", ns);
        vm["status"] = new JsonObject { ["phase"] = "Running" };
        vm["metadata"]!["uid"] = "client-uid";
        vm["metadata"]!["creationTimestamp"] = "2000-01-01T00:00:00Z";

        var response = await PostAsync(Client, Path(ns, "virtualmachines", query: "?fieldManager=kubectl-test"), vm);

        Assert.Equal(201, response.Code);
        Assert.Equal("application/json", response.ContentHeaders.ContentType?.MediaType);
        var meta = response.Json["metadata"]!;
        Assert.Matches("^[0-9a-f-]{36}$", Str(meta["uid"]));
        Assert.NotEqual("2000-01-01T00:00:00Z", Str(meta["creationTimestamp"]));
        Assert.Equal(1, (long)meta["generation"]!);
        Assert.True(long.Parse(Str(meta["resourceVersion"]), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Null(response.Json["status"]);
        Assert.Equal("kubectl-test", Str(meta["managedFields"]![0]!["manager"]));
        var get = await GetAsync(Client, Path(ns, "virtualmachines", "web-1"));
        Assert.Equal(200, get.Code);
        Assert.True(JsonNode.DeepEquals(response.Json, get.Json));
    }

    [Fact]
    public async Task Create_GenerateName_AppendsFiveCharacters()
    {
        var ns = fixture.NewNamespace("gen");
        var vm = Vm("", ns);
        vm["metadata"]!.AsObject().Remove("name");
        vm["metadata"]!["generateName"] = "web-";

        var created = await CreateAsync(Client, ns, "virtualmachines", vm);

        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", Str(created["metadata"]!["name"]));
    }

    [Fact]
    public async Task Create_Twice_Returns409AlreadyExists()
    {
        var ns = fixture.NewNamespace("dup");
        await CreateAsync(Client, ns, "virtualmachines", Vm("a", ns));

        var response = await PostAsync(Client, Path(ns, "virtualmachines"), Vm("a", ns));

        Assert.Equal(409, response.Code);
        Assert.Equal("AlreadyExists", Str(response.Json["reason"]));
        Assert.Equal("virtualmachines.infra.virtrigaud.io \"a\" already exists", Str(response.Json["message"]));
        Assert.Equal("virtualmachines", Str(response.Json["details"]!["kind"]));
    }

    [Fact]
    public async Task Create_Invalid_Returns422WithFieldCauses()
    {
        var ns = fixture.NewNamespace("invalid");
        var vm = Vm("bad", ns);
        vm["spec"]!.AsObject().Remove("providerRef");

        var response = await PostAsync(Client, Path(ns, "virtualmachines"), vm);

        Assert.Equal(422, response.Code);
        Assert.Equal("Invalid", Str(response.Json["reason"]));
        Assert.Equal("VirtualMachine", Str(response.Json["details"]!["kind"]));
        Assert.Contains(response.Json["details"]!["causes"]!.AsArray(), c => Str(c!["field"]) == "spec.providerRef" && Str(c!["reason"]) == "FieldValueRequired");
    }

    [Theory]
    [InlineData("""{"apiVersion":"other.io/v1","kind":"VirtualMachine","metadata":{"name":"x"}}""", 400, "the API version in the data (other.io/v1) does not match the expected API version (infra.virtrigaud.io/v1beta1)")]
    [InlineData("""{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"x"}}""", 422, "VirtualMachine.infra.virtrigaud.io \"x\" is invalid: kind: Invalid value: \"VMClass\": must be VirtualMachine")]
    [InlineData("""{"metadata":{"name":"x"},""", 400, null)]
    [InlineData("""[1,2]""", 400, null)]
    public async Task Create_BadBody_ReturnsClientError(string body, int code, string? message)
    {
        var ns = fixture.NewNamespace("badbody");

        var response = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines"), body);

        Assert.Equal(code, response.Code);
        Assert.Equal("Status", Str(response.Json["kind"]));
        if (message is not null)
        {
            Assert.Equal(message, Str(response.Json["message"]));
        }
    }

    [Fact]
    public async Task Create_YamlBooleanName_Returns422NotACrash()
    {
        var ns = fixture.NewNamespace("yamlbool");

        // YAML 1.1 reads an unquoted y as true, as kubectl does.
        var response = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines"), "kind: VirtualMachine\nmetadata:\n  name: y\nspec:\n  providerRef: {name: p}\n  classRef: {name: c}\n  imageRef: {name: i}\n", "application/yaml");

        Assert.Equal(422, response.Code);
        Assert.Contains("metadata.name", Str(response.Json["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DryRun_Returns201AndStoresNothing()
    {
        var ns = fixture.NewNamespace("dry");

        var response = await PostAsync(Client, Path(ns, "virtualmachines", query: "?dryRun=All"), Vm("ghost", ns));

        Assert.Equal(201, response.Code);
        Assert.Equal("ghost", Str(response.Json["metadata"]!["name"]));
        Assert.Equal(404, (await GetAsync(Client, Path(ns, "virtualmachines", "ghost"))).Code);
    }

    [Theory]
    [InlineData("?dryRun=Some", "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: [\"Some\"]: supported values: \"All\"")]
    [InlineData("?fieldValidation=Loose", "CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"")]
    public async Task Create_InvalidOptions_Returns422(string query, string message)
    {
        var ns = fixture.NewNamespace("opts");

        var response = await PostAsync(Client, Path(ns, "virtualmachines", query: query), Vm("x", ns));

        Assert.Equal(422, response.Code);
        Assert.Equal(message, Str(response.Json["message"]));
    }

    [Fact]
    public async Task Create_FieldValidation_StrictFailsWarnWarnsIgnoreIsSilent()
    {
        var ns = fixture.NewNamespace("fv");
        var body = $$$"""{"apiVersion":"{{{ApiVersion}}}","kind":"VirtualMachine","metadata":{"name":"NAME"},"spec":{"providerRef":{"name":"p"},"classRef":{"name":"c"},"imageRef":{"name":"i"},"bogus":1,"powerState":"On","powerState":"Off"}}""";

        var strict = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines", query: "?fieldValidation=Strict"), body.Replace("NAME", "s", StringComparison.Ordinal));
        var warn = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines"), body.Replace("NAME", "w", StringComparison.Ordinal));
        var ignore = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines", query: "?fieldValidation=Ignore"), body.Replace("NAME", "i", StringComparison.Ordinal));

        Assert.Equal(400, strict.Code);
        Assert.Equal("VirtualMachine in version \"v1beta1\" cannot be handled as a VirtualMachine: strict decoding error: duplicate field \"spec.powerState\", unknown field \"spec.bogus\"", Str(strict.Json["message"]));
        Assert.Equal(201, warn.Code);
        Assert.Equal(["299 - \"duplicate field \\\"spec.powerState\\\"\"", "299 - \"unknown field \\\"spec.bogus\\\"\""], warn.Warnings);
        Assert.Null(warn.Json["spec"]!["bogus"]);
        Assert.Equal(201, ignore.Code);
        Assert.Empty(ignore.Warnings);
    }

    [Fact]
    public async Task Get_Missing_Returns404Status()
    {
        var response = await GetAsync(Client, Path("nowhere", "virtualmachines", "nothing"));

        Assert.Equal(404, response.Code);
        Assert.Equal("NotFound", Str(response.Json["reason"]));
        Assert.Equal("virtualmachines.infra.virtrigaud.io \"nothing\" not found", Str(response.Json["message"]));
        Assert.Equal("Failure", Str(response.Json["status"]));
        Assert.Equal(404, (int)response.Json["code"]!);
    }

    [Theory]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/widgets", 404)]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/virtualmachines/a/b/c", 404)]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1/virtualmachines/a", 404)]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/vmclasses/a/scale", 404)]
    [InlineData("DELETE", "/apis/infra.virtrigaud.io/v1beta1/virtualmachines", 405)]
    [InlineData("POST", "/apis/infra.virtrigaud.io/v1beta1/virtualmachines", 405)]
    [InlineData("POST", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/virtualmachines/a", 405)]
    [InlineData("PUT", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/virtualmachines", 405)]
    [InlineData("DELETE", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/virtualmachines/a/status", 405)]
    [InlineData("GET", "/apis/infra.virtrigaud.io/v1beta1/namespaces/x/virtualmachines/a/power", 405)]
    public async Task Request_UnservedPathOrMethod_ReturnsRouterStatus(string method, string path, int code)
    {
        var response = await SendAsync(Client, new HttpMethod(method), path);

        Assert.Equal(code, response.Code);
        Assert.Equal(code == 404 ? "NotFound" : "MethodNotAllowed", Str(response.Json["reason"]));
    }

    [Fact]
    public async Task List_SelectorsAndAllNamespaces_FilterAndCarryResourceVersion()
    {
        var ns1 = fixture.NewNamespace("list");
        var ns2 = fixture.NewNamespace("list");
        await CreateAsync(Client, ns1, "virtualmachines", Vm("a", ns1, """{"tier":"web"}"""));
        await CreateAsync(Client, ns1, "virtualmachines", Vm("b", ns1, """{"tier":"db"}"""));
        await CreateAsync(Client, ns2, "virtualmachines", Vm("c", ns2, """{"tier":"web"}"""));

        var byLabel = await GetAsync(Client, Path(ns1, "virtualmachines", query: "?labelSelector=tier%3Dweb"));
        var byField = await GetAsync(Client, Path(ns1, "virtualmachines", query: "?fieldSelector=metadata.name%3Db"));
        var all = await GetAsync(Client, $"{GroupVersion}/virtualmachines?labelSelector=tier%3Dweb");

        Assert.Equal("VirtualMachineList", Str(byLabel.Json["kind"]));
        Assert.Equal(ApiVersion, Str(byLabel.Json["apiVersion"]));
        Assert.NotEmpty(Str(byLabel.Json["metadata"]!["resourceVersion"]));
        Assert.Equal(["a"], Names(byLabel));
        Assert.Equal(["b"], Names(byField));
        Assert.Contains("a", Names(all));
        Assert.Contains("c", Names(all));
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesThroughEverything()
    {
        var ns = fixture.NewNamespace("page");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await CreateAsync(Client, ns, "virtualmachines", Vm(name, ns));
        }

        var first = await GetAsync(Client, Path(ns, "virtualmachines", query: "?limit=2"));
        var token = Str(first.Json["metadata"]!["continue"]);
        var second = await GetAsync(Client, Path(ns, "virtualmachines", query: "?limit=2&continue=" + Uri.EscapeDataString(token)));

        Assert.Equal(["a", "b"], Names(first));
        Assert.NotEmpty(token);
        Assert.Equal(["c"], Names(second));
        Assert.Null(second.Json["metadata"]!["continue"]);
    }

    [Fact]
    public async Task List_UnsupportedFieldSelector_Returns400()
    {
        var response = await GetAsync(Client, Path("x", "virtualmachines", query: "?fieldSelector=spec.nothing%3D1"));

        Assert.Equal(400, response.Code);
        Assert.Equal("field label not supported: spec.nothing", Str(response.Json["message"]));
    }

    [Fact]
    public async Task Update_Semantics_ConflictNameMismatchGenerationAndMissing()
    {
        var ns = fixture.NewNamespace("update");
        var created = await CreateAsync(Client, ns, "virtualmachines", Vm("u", ns));

        var labelled = created.DeepClone().AsObject();
        labelled["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        var metadataOnly = await PutAsync(Client, Path(ns, "virtualmachines", "u"), labelled);
        var stale = await PutAsync(Client, Path(ns, "virtualmachines", "u"), created);
        var spec = metadataOnly.Json.DeepClone().AsObject();
        spec["spec"]!["powerState"] = "Off";
        var specChange = await PutAsync(Client, Path(ns, "virtualmachines", "u"), spec);
        var mismatch = await PutAsync(Client, Path(ns, "virtualmachines", "other"), spec);
        var missing = Vm("missing", ns);
        var notFound = await PutAsync(Client, Path(ns, "virtualmachines", "missing"), missing);

        Assert.Equal(200, metadataOnly.Code);
        Assert.Equal(1, (long)metadataOnly.Json["metadata"]!["generation"]!);
        Assert.Equal(409, stale.Code);
        Assert.Equal("Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io \"u\": the object has been modified; please apply your changes to the latest version and try again", Str(stale.Json["message"]));
        Assert.Equal(200, specChange.Code);
        Assert.Equal(2, (long)specChange.Json["metadata"]!["generation"]!);
        Assert.Equal(400, mismatch.Code);
        Assert.Equal("the name of the object (u) does not match the name on the URL (other)", Str(mismatch.Json["message"]));
        Assert.Equal(404, notFound.Code);
    }

    [Fact]
    public async Task Delete_Finalizers_MarkThenDeleteWhenLastFinalizerRemoved()
    {
        var ns = fixture.NewNamespace("fin");
        var vm = Vm("f", ns);
        vm["metadata"]!["finalizers"] = new JsonArray("example.com/keep");
        var created = await CreateAsync(Client, ns, "virtualmachines", vm);

        var marked = await DeleteAsync(Client, Path(ns, "virtualmachines", "f"));
        var addFinalizer = await PatchAsync(Client, Path(ns, "virtualmachines", "f"), """{"metadata":{"finalizers":["example.com/keep","example.com/new"]}}""");
        var removed = await PatchAsync(Client, Path(ns, "virtualmachines", "f"), """{"metadata":{"finalizers":null}}""");
        var gone = await GetAsync(Client, Path(ns, "virtualmachines", "f"));

        Assert.Equal(200, marked.Code);
        Assert.NotNull(marked.Json["metadata"]!["deletionTimestamp"]);
        Assert.Equal(422, addFinalizer.Code);
        Assert.Equal(200, removed.Code);
        Assert.Equal(404, gone.Code);
        Assert.NotNull(created);
    }

    [Fact]
    public async Task Delete_Immediate_ReturnsSuccessStatus()
    {
        var ns = fixture.NewNamespace("del");
        var created = await CreateAsync(Client, ns, "virtualmachines", Vm("d", ns));

        var wrongUid = await DeleteAsync(Client, Path(ns, "virtualmachines", "d"), """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"nope"}}""");
        var dryRun = await DeleteAsync(Client, Path(ns, "virtualmachines", "d", query: "?dryRun=All"));
        var stillThere = await GetAsync(Client, Path(ns, "virtualmachines", "d"));
        var deleted = await DeleteAsync(Client, Path(ns, "virtualmachines", "d"), """{"propagationPolicy":"Background"}""");
        var again = await DeleteAsync(Client, Path(ns, "virtualmachines", "d"));

        Assert.Equal(409, wrongUid.Code);
        Assert.Equal($"Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io \"d\": Precondition failed: UID in precondition: nope, UID in object meta: {Str(created["metadata"]!["uid"])}", Str(wrongUid.Json["message"]));
        Assert.Equal(200, dryRun.Code);
        Assert.Equal(200, stillThere.Code);
        Assert.Equal(200, deleted.Code);
        Assert.Equal("Success", Str(deleted.Json["status"]));
        Assert.Equal("virtualmachines", Str(deleted.Json["details"]!["kind"]));
        Assert.Equal(Str(created["metadata"]!["uid"]), Str(deleted.Json["details"]!["uid"]));
        Assert.Equal(404, again.Code);
    }

    [Fact]
    public async Task Delete_InvalidPropagationPolicy_Returns422()
    {
        var response = await DeleteAsync(Client, Path("x", "virtualmachines", "y", query: "?propagationPolicy=Sideways"));

        Assert.Equal(422, response.Code);
        Assert.StartsWith("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Sideways\"", Str(response.Json["message"]));
    }

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesOnlyMatchesAndListsThem()
    {
        var ns = fixture.NewNamespace("dc");
        await CreateAsync(Client, ns, "virtualmachines", Vm("a", ns, """{"tier":"web"}"""));
        await CreateAsync(Client, ns, "virtualmachines", Vm("b", ns, """{"tier":"web"}"""));
        await CreateAsync(Client, ns, "virtualmachines", Vm("c", ns, """{"tier":"db"}"""));

        var dryRun = await DeleteAsync(Client, Path(ns, "virtualmachines", query: "?labelSelector=tier%3Dweb&dryRun=All"));
        var response = await DeleteAsync(Client, Path(ns, "virtualmachines", query: "?labelSelector=tier%3Dweb"));
        var left = await GetAsync(Client, Path(ns, "virtualmachines"));

        Assert.Equal(["a", "b"], Names(dryRun));
        Assert.Equal(200, response.Code);
        Assert.Equal("VirtualMachineList", Str(response.Json["kind"]));
        Assert.Equal(["a", "b"], Names(response));
        Assert.Equal(["c"], Names(left));
    }

    [Fact]
    public async Task Get_Table_HasNameThenPrinterColumnsAndPartialMetadataRows()
    {
        var ns = fixture.NewNamespace("table");
        await CreateAsync(Client, ns, "virtualmachines", Vm("t", ns));
        const string accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

        var list = await GetAsync(Client, Path(ns, "virtualmachines", query: "?limit=500"), accept);
        var one = await GetAsync(Client, Path(ns, "virtualmachines", "t", query: "?includeObject=Object"), accept);
        var none = await GetAsync(Client, Path(ns, "virtualmachines", "t", query: "?includeObject=None"), accept);
        var v1beta1 = await GetAsync(Client, Path(ns, "virtualmachines", "t"), "application/json;as=Table;v=v1beta1;g=meta.k8s.io");

        Assert.Equal("Table", Str(list.Json["kind"]));
        Assert.Equal("meta.k8s.io/v1", Str(list.Json["apiVersion"]));
        Assert.NotEmpty(Str(list.Json["metadata"]!["resourceVersion"]));
        var columns = list.Json["columnDefinitions"]!.AsArray().Select(c => Str(c!["name"])).ToList();
        Assert.Equal(["Name", "Phase", "Provider", "Class", "Image", "IPs", "Age"], columns);
        Assert.Equal("name", Str(list.Json["columnDefinitions"]![0]!["format"]));
        var row = list.Json["rows"]![0]!;
        Assert.Equal(columns.Count, row["cells"]!.AsArray().Count);
        Assert.Equal("t", Str(row["cells"]![0]));
        Assert.Equal("vsphere", Str(row["cells"]![2]));
        Assert.Matches("^[0-9]+s$", Str(row["cells"]![6]));
        Assert.Equal("PartialObjectMetadata", Str(row["object"]!["kind"]));
        Assert.Equal(ns, Str(row["object"]!["metadata"]!["namespace"]));
        Assert.Equal("VirtualMachine", Str(one.Json["rows"]![0]!["object"]!["kind"]));
        Assert.Null(none.Json["rows"]![0]!["object"]);
        Assert.Equal("meta.k8s.io/v1beta1", Str(v1beta1.Json["apiVersion"]));
    }

    [Fact]
    public async Task Get_PartialObjectMetadata_ForObjectAndList()
    {
        var ns = fixture.NewNamespace("pom");
        await CreateAsync(Client, ns, "virtualmachines", Vm("p", ns, """{"a":"b"}"""));

        var one = await GetAsync(Client, Path(ns, "virtualmachines", "p"), "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json");
        var list = await GetAsync(Client, Path(ns, "virtualmachines"), "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");
        var wrong = await GetAsync(Client, Path(ns, "virtualmachines"), "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");

        Assert.Equal("PartialObjectMetadata", Str(one.Json["kind"]));
        Assert.Equal("meta.k8s.io/v1", Str(one.Json["apiVersion"]));
        Assert.Equal("b", Str(one.Json["metadata"]!["labels"]!["a"]));
        Assert.Null(one.Json["spec"]);
        Assert.Equal("PartialObjectMetadataList", Str(list.Json["kind"]));
        Assert.NotEmpty(Str(list.Json["metadata"]!["resourceVersion"]));
        Assert.Equal("PartialObjectMetadata", Str(list.Json["items"]![0]!["kind"]));
        Assert.Equal(406, wrong.Code);
    }

    [Fact]
    public async Task Negotiation_YamlPrettyAndErrors()
    {
        var ns = fixture.NewNamespace("yaml");
        var yamlBody = $"apiVersion: {ApiVersion}\nkind: VirtualMachine\nmetadata:\n  name: yv\nspec:\n  providerRef: {{name: p}}\n  classRef: {{name: c}}\n  imageRef: {{name: i}}\n  powerState: \"On\"\n";

        var created = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines"), yamlBody, "application/yaml", "application/yaml");
        var pretty = await GetAsync(Client, Path(ns, "virtualmachines", "yv", query: "?pretty=true"));
        var notAcceptable = await GetAsync(Client, Path(ns, "virtualmachines", "yv"), "application/vnd.kubernetes.protobuf");
        var unsupported = await SendAsync(Client, HttpMethod.Post, Path(ns, "virtualmachines"), "name=x", "text/plain");
        var yamlError = await GetAsync(Client, Path(ns, "virtualmachines", "nope"), "application/yaml");

        Assert.Equal(201, created.Code);
        Assert.Equal("application/yaml", created.ContentHeaders.ContentType?.MediaType);
        Assert.Contains("kind: VirtualMachine\n", created.Text, StringComparison.Ordinal);
        Assert.Contains("\n  \"metadata\": {\n", pretty.Text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", pretty.Text, StringComparison.Ordinal);
        Assert.Equal(406, notAcceptable.Code);
        Assert.Equal("NotAcceptable", Str(notAcceptable.Json["reason"]));
        Assert.Equal(415, unsupported.Code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml", Str(unsupported.Json["message"]));
        Assert.Equal(404, yamlError.Code);
        Assert.Contains("reason: NotFound\n", yamlError.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LargeObject_IsGzippedOnlyWhenAsked()
    {
        var ns = fixture.NewNamespace("gzip");
        var vm = Vm("big", ns);
        vm["metadata"]!["annotations"] = new JsonObject { ["example.com/blob"] = new string('x', 200 * 1024) };
        await CreateAsync(Client, ns, "virtualmachines", vm);

        var zipped = await SendAsync(Client, HttpMethod.Get, Path(ns, "virtualmachines", "big"), configure: r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip")));
        var plain = await GetAsync(Client, Path(ns, "virtualmachines", "big"));
        var small = await SendAsync(Client, HttpMethod.Get, Path(ns, "virtualmachines"), configure: r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip")));

        Assert.Equal(200, zipped.Code);
        Assert.Contains("gzip", zipped.ContentHeaders.ContentEncoding);
        Assert.Empty(plain.ContentHeaders.ContentEncoding);
        Assert.Equal("big", Str(plain.Json["metadata"]!["name"]));
        Assert.Contains("gzip", small.ContentHeaders.ContentEncoding);
    }

    private static List<string> Names(ApiResponse list) =>
        list.Json["items"]!.AsArray().Select(i => Str(i!["metadata"]!["name"])).ToList();
}
