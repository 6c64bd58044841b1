using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// Every kubectl verb a user types, run with the machine's <c>kubectl</c> (Google's dispatcher, which runs the kubectl
/// matching the server's minor version) against one server, asserting what kubectl prints. Each test works in its own
/// namespace (standalone mode needs no Namespace objects) and seeds through the REST API where the verb under test is
/// not the one creating the object.
/// </summary>
public sealed partial class KubectlVerbTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    private Kubectl Kubectl => fixture.Kubectl();

    [Fact]
    public async Task Version_Dispatcher_RunsTheKubectlOfTheServersMinorVersion()
    {
        var json = JsonNode.Parse(await Kubectl.OkAsync("version", "-o", "json"))!;
        var plain = await Kubectl.OkAsync("version");

        var serverMinor = (string)json["serverVersion"]!["minor"]!;
        Assert.Equal("1", (string?)json["serverVersion"]!["major"]);
        Assert.Equal(serverMinor.TrimEnd('+'), ((string)json["clientVersion"]!["minor"]!).TrimEnd('+'));
        Assert.Matches($@"(?m)^Server Version: v1\.{serverMinor.TrimEnd('+')}\.\d+", plain);
    }

    [Fact]
    public async Task Apply_CreateChangeReapply_PrintsCreatedConfiguredUnchanged()
    {
        const string ns = "apply";
        var original = fixture.WriteFile("apply-small.yaml", ExampleManifests.Load("vmclass-small.yaml", ns));
        var changed = fixture.WriteFile("apply-small-changed.yaml", ExampleManifests.Load("vmclass-small.yaml", ns).Replace("cpu: 2", "cpu: 3", StringComparison.Ordinal));

        var created = await Kubectl.OkAsync("apply", "-f", original);
        var configured = await Kubectl.OkAsync("apply", "-f", changed);
        var unchanged = await Kubectl.OkAsync("apply", "-f", changed);

        Assert.Equal("vmclass.infra.virtrigaud.io/small created\n", created);
        Assert.Equal("vmclass.infra.virtrigaud.io/small configured\n", configured);
        Assert.Equal("vmclass.infra.virtrigaud.io/small unchanged\n", unchanged);
        Assert.Equal("3", await Kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.spec.cpu}"));
        Assert.Contains("\"cpu\":3", await Kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_EveryExample_CreatesAllTenKindsAndTheSecrets()
    {
        const string ns = "examples";
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "examples"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        var arguments = new List<string> { "apply" };
        foreach (var file in files)
        {
            arguments.AddRange(["-f", fixture.WriteFile("examples-" + Path.GetFileName(file), ExampleManifests.Load(Path.GetFileName(file), ns))]);
        }

        var result = await Kubectl.RunAsync([.. arguments]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^([a-z]+\.infra\.virtrigaud\.io|secret)/[a-z0-9-]+ (created|configured|unchanged)$", line));
        var names = await Kubectl.OkAsync("get", string.Join(',', Kinds.All.Select(k => k.Plural)), "-n", ns, "-o", "name");
        var kinds = names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n[..n.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        Assert.Equal(Kinds.All.Select(k => k.Singular).Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
        var appliedSecrets = lines.Where(l => l.StartsWith("secret/", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToHashSet();
        var secrets = (await Kubectl.OkAsync("get", "secrets", "-n", ns, "-o", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(appliedSecrets);
        Assert.Equal(appliedSecrets.Order(StringComparer.Ordinal), secrets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_DefaultAndWide_ShowEveryPrinterColumn()
    {
        const string ns = "get-wide";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var normal = KubectlTable.Parse(await Kubectl.OkAsync("get", "vm", "-n", ns));
        var wide = KubectlTable.Parse(await Kubectl.OkAsync("get", "vm", "-n", ns, "-o", "wide"));

        // Columns with priority > 0 appear only with -o wide; none of our kinds has one (nor did the upstream CRDs), so
        // both views list every printer column.
        var expected = new[] { "NAME" }.Concat(Kinds.VirtualMachine.PrinterColumns.Where(c => c.Priority == 0).Select(c => c.Name.ToUpperInvariant()));
        Assert.Equal(expected, normal.Headers);
        Assert.Equal(new[] { "NAME" }.Concat(Kinds.VirtualMachine.PrinterColumns.Select(c => c.Name.ToUpperInvariant())), wide.Headers);
        var row = wide.Row("web-1");
        Assert.Equal("libvirt-lab", row["PROVIDER"]);
        Assert.Equal("small", row["CLASS"]);
        Assert.Equal("ubuntu-24-04", row["IMAGE"]);
        Assert.Equal("", row["PHASE"]);
    }

    [Fact]
    public async Task Get_AgeColumn_IsHumanReadableDuration()
    {
        const string ns = "get-age";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns));

        // kube-apiserver's CRD table convertor turns "date" columns into a duration (metatable.ConvertToHumanReadableDateType).
        Assert.Matches(@"^\d+s$|^\d+m\d*s?$", table.Row("web-1")["AGE"]);
    }

    [Fact]
    public async Task Get_Yaml_PrintsTheWholeObject()
    {
        const string ns = "get-yaml";
        var created = await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var yaml = await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "yaml");

        Assert.StartsWith("apiVersion: infra.virtrigaud.io/v1beta1\nkind: VirtualMachine\nmetadata:\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\n  name: web-1\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"\n  namespace: {ns}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"\n  uid: {(string)created["metadata"]!["uid"]!}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"\n  resourceVersion: \"{(string)created["metadata"]!["resourceVersion"]!}\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nspec:\n  classRef:\n    name: small\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_JsonPath_PrintsTheField()
    {
        const string ns = "get-jsonpath";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");
        await fixture.CreateVirtualMachineAsync(ns, "web-2");

        Assert.Equal("small", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.classRef.name}"));
        Assert.Equal("web-1 web-2", await Kubectl.OkAsync("get", "vm", "-n", ns, "-o", "jsonpath={.items[*].metadata.name}"));
    }

    [Theory]
    [InlineData("app=web", "a")]
    [InlineData("app!=web", "b c")]
    [InlineData("app in (web,db)", "a b")]
    [InlineData("!app", "c")]
    [InlineData("app,tier=front", "a")]
    public async Task Get_LabelSelector_ListsOnlyMatchingObjects(string selector, string expected)
    {
        const string ns = "get-labels";
        await CreateOnceAsync(ns, "a", labels: """{"app":"web","tier":"front"}""");
        await CreateOnceAsync(ns, "b", labels: """{"app":"db"}""");
        await CreateOnceAsync(ns, "c");

        var names = await Kubectl.OkAsync("get", "vm", "-n", ns, "-l", selector, "-o", "jsonpath={.items[*].metadata.name}");

        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("metadata.name=b", "b")]
    [InlineData("metadata.name!=b", "a c")]
    [InlineData("spec.providerRef.name=vsphere-prod", "b c")]
    [InlineData("spec.providerRef.name=vsphere-prod,metadata.name!=c", "b")]
    [InlineData("metadata.namespace=get-fields", "a b c")]
    public async Task Get_FieldSelector_ListsOnlyMatchingObjects(string selector, string expected)
    {
        const string ns = "get-fields";
        await CreateOnceAsync(ns, "a", provider: "libvirt-lab");
        await CreateOnceAsync(ns, "b", provider: "vsphere-prod");
        await CreateOnceAsync(ns, "c", provider: "vsphere-prod");

        var names = await Kubectl.OkAsync("get", "vm", "-n", ns, "--field-selector", selector, "-o", "jsonpath={.items[*].metadata.name}");

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task Get_UnknownFieldSelector_PrintsBadRequest()
    {
        var result = await Kubectl.RunAsync("get", "vm", "-n", "get-bad-field", "--field-selector", "spec.bogus=x");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error from server (BadRequest): Unable to find \"infra.virtrigaud.io/v1beta1, Resource=virtualmachines\" that match label selector \"\", field selector \"spec.bogus=x\": field label not supported: spec.bogus\n",
            result.StandardError);
    }

    [Fact]
    public async Task Get_AllNamespaces_ShowsTheNamespaceColumn()
    {
        await fixture.CreateVirtualMachineAsync("all-ns-a", "all-ns-vm");
        await fixture.CreateVirtualMachineAsync("all-ns-b", "all-ns-vm");

        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "vm", "-A"));

        Assert.Equal(["NAMESPACE", "NAME"], table.Headers.Take(2));
        var ours = table.Rows.Where(r => r["NAME"] == "all-ns-vm").Select(r => r["NAMESPACE"]).Order(StringComparer.Ordinal);
        Assert.Equal(["all-ns-a", "all-ns-b"], ours);
    }

    [Fact]
    public async Task Get_ShowLabels_PrintsTheLabelsColumn()
    {
        const string ns = "show-labels";
        await fixture.CreateVirtualMachineAsync(ns, "web-1", labels: """{"app":"web","tier":"front"}""");

        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "vm", "-n", ns, "--show-labels"));

        Assert.Equal("LABELS", table.Headers[^1]);
        Assert.Equal("app=web,tier=front", table.Row("web-1")["LABELS"]);
    }

    [Fact]
    public async Task Get_Watch_PrintsAddedModifiedDeletedEvents()
    {
        // A name no other test uses: a leaked event of another namespace cannot match the awaited lines.
        const string ns = "watch";
        await fixture.CreateVirtualMachineAsync(ns, "watched-vm");
        await using var watch = Kubectl.Start(["get", "vm", "watched-vm", "-n", ns, "--watch", "--output-watch-events"]);

        await watch.WaitForLineAsync(l => Regex.IsMatch(l, @"^ADDED\s+watched-vm\s"), LineTimeout);
        await Kubectl.OkAsync("label", "vm", "watched-vm", "-n", ns, "watched=yes");
        await watch.WaitForLineAsync(l => Regex.IsMatch(l, @"^MODIFIED\s+watched-vm\s"), LineTimeout);
        await Kubectl.OkAsync("delete", "vm", "watched-vm", "-n", ns);
        await watch.WaitForLineAsync(l => Regex.IsMatch(l, @"^DELETED\s+watched-vm\s"), LineTimeout);

        Assert.False(watch.HasExited);
    }

    [Fact]
    public async Task GetRaw_NamespacedWatchFromResourceVersion_StreamsOnlyThatNamespace()
    {
        // A watch resumed from a resourceVersion replays the cache's event window, as kubectl get -w does right after
        // its list and every informer does after a reconnect; the replay must be scoped like the live events.
        var before = await fixture.CreateVirtualMachineAsync("resume-a", "first");
        await fixture.CreateVirtualMachineAsync("resume-b", "other");
        await fixture.CreateVirtualMachineAsync("resume-a", "second");
        var rv = (string)before["metadata"]!["resourceVersion"]!;

        var stream = await Kubectl.OkAsync("get", "--raw", $"/apis/infra.virtrigaud.io/v1beta1/namespaces/resume-a/virtualmachines?watch=true&resourceVersion={rv}&timeoutSeconds=1");

        var events = stream.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["ADDED resume-a/second"], events.Select(e => $"{(string?)e["type"]} {(string?)e["object"]!["metadata"]!["namespace"]}/{(string?)e["object"]!["metadata"]!["name"]}"));
    }

    [Theory]
    [InlineData("true", "lower")]
    [InlineData("True", "title")]
    [InlineData("1", "one")]
    public async Task GetRaw_WatchParameterSpelling_StartsAWatch(string value, string suffix)
    {
        // The ParameterCodec reads a bool as false only for "0" and "false" (any case): python-kubernetes sends "True".
        var ns = "watch-spelling-" + suffix;
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var stream = await Kubectl.OkAsync("get", "--raw", $"/apis/infra.virtrigaud.io/v1beta1/namespaces/{ns}/virtualmachines?watch={value}&timeoutSeconds=1");

        Assert.Equal("ADDED", (string?)JsonNode.Parse(stream.Split('\n')[0])!["type"]);
    }

    [Fact]
    public async Task Get_WatchAllNamespacesAsJson_PrintsWatchEventObjects()
    {
        await using var watch = Kubectl.Start(["get", "vm", "-A", "--watch", "-o", "json", "--output-watch-events", "-l", "watch-json=yes"]);
        var created = await Kubectl.OkAsync("create", "-f", fixture.WriteFile("watch-json.yaml", """
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VirtualMachine
            metadata:
              name: web-json
              namespace: watch-json
              labels: {watch-json: "yes"}
            spec:
              providerRef: {name: libvirt-lab}
              classRef: {name: small}
              imageRef: {name: ubuntu-24-04}
            """));

        // Whether kubectl listed before or after these changes, the labelled state arrives: in the initial list (as an
        // ADDED event) or as a MODIFIED event of the watch.
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-json created\n", created);
        await Kubectl.OkAsync("label", "vm", "web-json", "-n", "watch-json", "step=two");
        var line = await watch.WaitForLineAsync(l => l.StartsWith('{') && (string?)JsonNode.Parse(l)!["object"]?["metadata"]?["labels"]?["step"] == "two", LineTimeout);

        // One compact JSON WatchEvent per line.
        var watchEvent = JsonNode.Parse(line)!;
        Assert.Contains((string?)watchEvent["type"], new[] { "ADDED", "MODIFIED" });
        Assert.Equal(("VirtualMachine", "web-json", "watch-json"), ((string?)watchEvent["object"]!["kind"], (string?)watchEvent["object"]!["metadata"]!["name"], (string?)watchEvent["object"]!["metadata"]!["namespace"]));
        Assert.False(watch.HasExited);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("missing")]
    public async Task Get_Missing_PrintsNotFound(string ns)
    {
        // Outside "default", kubectl asks GET /api/v1/namespaces/<ns> after a NotFound and reports that answer instead
        // when it is a 404 too: in standalone mode, where namespaces need not exist, the server must not make the
        // user's namespace look missing.
        var result = await Kubectl.RunAsync("get", "vm", "nope", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal("Error from server (NotFound): virtualmachines.infra.virtrigaud.io \"nope\" not found\n", result.StandardError);
    }

    [Fact]
    public async Task Create_Existing_PrintsAlreadyExists()
    {
        const string ns = "create-twice";
        var file = fixture.WriteFile("create-twice.yaml", ExampleManifests.Load("vmclass-large.yaml", ns));

        var first = await Kubectl.RunAsync("create", "-f", file);
        var second = await Kubectl.RunAsync("create", "-f", file);

        Assert.Equal("vmclass.infra.virtrigaud.io/large created\n", first.StandardOutput);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{file}\": vmclasses.infra.virtrigaud.io \"large\" already exists\n", second.StandardError);
    }

    [Fact]
    public async Task Replace_ChangedFile_PrintsReplaced()
    {
        const string ns = "replace";
        await Kubectl.OkAsync("create", "-f", fixture.WriteFile("replace-1.yaml", ExampleManifests.Load("vmclass-small.yaml", ns)));
        var changed = fixture.WriteFile("replace-2.yaml", ExampleManifests.Load("vmclass-small.yaml", ns).Replace("memory: 4Gi", "memory: 8Gi", StringComparison.Ordinal));

        var replaced = await Kubectl.OkAsync("replace", "-f", changed);

        Assert.Equal("vmclass.infra.virtrigaud.io/small replaced\n", replaced);
        Assert.Equal("8Gi", await Kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.spec.memory}"));
    }

    [Fact]
    public async Task Apply_InvalidObject_PrintsTheFieldPath()
    {
        const string ns = "invalid";
        var file = fixture.WriteFile("invalid.yaml", $"""
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata:
              name: bad
              namespace: {ns}
            spec:
              cpu: -1
              memory: 1Gi
            """);

        var result = await Kubectl.RunAsync("apply", "-f", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The VMClass \"bad\" is invalid: spec.cpu: Invalid value: -1: ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", (await Kubectl.RunAsync("get", "vmclass", "-n", ns, "-o", "name")).StandardOutput);
    }

    [Fact]
    public async Task Apply_UnknownField_PrintsStrictDecodingError()
    {
        const string ns = "unknown-field";
        var file = fixture.WriteFile("unknown-field.yaml", $"""
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata:
              name: typo
              namespace: {ns}
            spec:
              cpu: 1
              memory: 1Gi
              cpus: 2
            """);

        var result = await Kubectl.RunAsync("apply", "-f", file);

        // kubectl ≥1.27 sends fieldValidation=Strict; the server names the unknown field.
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"Error from server (BadRequest): error when creating \"{file}\": VMClass in version \"v1beta1\" cannot be handled as a VMClass: strict decoding error: unknown field \"spec.cpus\"\n",
            result.StandardError);
    }

    [Fact]
    public async Task Describe_VirtualMachine_PrintsItsFields()
    {
        const string ns = "describe";
        await fixture.CreateVirtualMachineAsync(ns, "web-1", labels: """{"app":"web"}""");

        var result = await Kubectl.RunAsync("describe", "vm", "web-1", "-n", ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        var output = result.StandardOutput;
        Assert.Matches(@"(?m)^Name:\s+web-1$", output);
        Assert.Matches($@"(?m)^Namespace:\s+{ns}$", output);
        Assert.Matches(@"(?m)^Labels:\s+app=web$", output);
        Assert.Matches(@"(?m)^API Version:\s+infra\.virtrigaud\.io/v1beta1$", output);
        Assert.Matches(@"(?m)^Kind:\s+VirtualMachine$", output);
        Assert.Matches(@"(?m)^  Provider Ref:\n    Name:\s+libvirt-lab$", output);
        Assert.Matches(@"(?m)^  Power State:\s+On$", output);
        Assert.Matches(@"(?m)^Events:\s+<none>$", output);
    }

    [Fact]
    public async Task Edit_KubeEditorChangesTheFile_PrintsEditedAndSaves()
    {
        const string ns = "edit";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");
        var editor = EditorScript("edit-power-off.sh", """sed -i 's/^\(  powerState:\).*/\1 "Off"/' "$1" """);

        var edited = await Kubectl.RunAsync(["edit", "vm", "web-1", "-n", ns], standardInput: null, new Dictionary<string, string> { ["KUBE_EDITOR"] = editor });
        var unchanged = await Kubectl.RunAsync(["edit", "vm", "web-1", "-n", ns], standardInput: null, new Dictionary<string, string> { ["KUBE_EDITOR"] = EditorScript("edit-nothing.sh", "true") });

        Assert.True(edited.ExitCode == 0, edited.ToString());
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 edited\n", edited.StandardOutput);
        Assert.Equal("Off", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.powerState}"));
        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.Equal("Edit cancelled, no changes made.\n", unchanged.StandardError);
    }

    [Fact]
    public async Task Edit_InvalidChange_ReportsTheErrorAndKeepsTheObject()
    {
        const string ns = "edit-invalid";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");
        var editor = EditorScript("edit-bad-power.sh", """sed -i 's/^\(  powerState:\).*/\1 Sideways/' "$1" """);
        var temp = Directory.CreateDirectory(Path.Combine(fixture.Directory, "edit-invalid-tmp")).FullName;

        var result = await Kubectl.RunAsync(["edit", "vm", "web-1", "-n", ns], standardInput: null, new Dictionary<string, string> { ["KUBE_EDITOR"] = editor, ["TMPDIR"] = temp });

        // kubectl re-opens the editor with the server's field errors as comments; the same edit again makes it give up
        // and keep the file, whose comments show what the server said.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: virtualmachines.infra.virtrigaud.io \"web-1\" is invalid\n", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith("error: Edit cancelled, no valid changes were saved.\n", result.StandardError, StringComparison.Ordinal);
        var saved = Directory.GetFiles(temp, "kubectl-edit-*.yaml").Select(File.ReadAllText).ToList();
        Assert.Contains(saved, s => s.Contains("# virtualmachines.infra.virtrigaud.io \"web-1\" was not valid:\n# * spec.powerState: Unsupported value: \"Sideways\": supported values: ", StringComparison.Ordinal));
        Assert.Equal("On", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.powerState}"));
    }

    [Theory]
    [InlineData("merge", """{"spec":{"classRef":{"name":"large"}}}""")]
    [InlineData("json", """[{"op":"replace","path":"/spec/classRef/name","value":"large"}]""")]
    [InlineData("strategic", """{"spec":{"classRef":{"name":"large"}}}""")]
    public async Task Patch_EachType_ChangesTheField(string type, string patch)
    {
        var ns = "patch-" + type;
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var patched = await Kubectl.RunAsync("patch", "vm", "web-1", "-n", ns, "--type", type, "-p", patch);
        var again = await Kubectl.RunAsync("patch", "vm", "web-1", "-n", ns, "--type", type, "-p", patch);

        // Strategic merge patch is implemented for our types (the alternative, a 415, would fail here on purpose).
        Assert.True(patched.ExitCode == 0, patched.ToString());
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched\n", patched.StandardOutput);
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched (no change)\n", again.StandardOutput);
        Assert.Equal("large", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.classRef.name}"));
        Assert.Equal("2", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.metadata.generation}"));
    }

    [Fact]
    public async Task Patch_StrategicLists_ReplaceSpecListsAndMergeFinalizers()
    {
        const string ns = "patch-smp-list";
        await fixture.CreateAsync(ns, "virtualmachines", """
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"web-1","finalizers":["example.com/a"]},
             "spec":{"providerRef":{"name":"p"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu-24-04"},
                     "networks":[{"name":"lan","networkRef":{"name":"lan-br0"}},{"name":"mgmt","networkRef":{"name":"mgmt-net"}}]}}
            """);

        await Kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "-p", """{"metadata":{"finalizers":["example.com/b"]},"spec":{"networks":[{"name":"mgmt","networkRef":{"name":"mgmt-v2"}}]}}""");

        // The server's strategic merge patch (as its OpenAPI tells kubectl): spec lists carry no patch strategy and
        // are atomic, as for CRDs; metadata.finalizers is a merged set, as in every Kubernetes object.
        var networks = await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={range .spec.networks[*]}{.name}={.networkRef.name} {end}");
        Assert.Equal("mgmt=mgmt-v2", networks.Trim());
        Assert.Equal("example.com/a example.com/b", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.metadata.finalizers[*]}"));
        await Kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""");
    }

    [Fact]
    public async Task Patch_InvalidJsonPatch_PrintsTheServersError()
    {
        const string ns = "patch-bad";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var result = await Kubectl.RunAsync("patch", "vm", "web-1", "-n", ns, "--type", "json", "-p", """[{"op":"test","path":"/spec/classRef/name","value":"other"}]""");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("The request is invalid", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelAndAnnotate_AddOverwriteRemove_PrintEachStep()
    {
        const string ns = "label";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 labeled\n", await Kubectl.OkAsync("label", "vm", "web-1", "-n", ns, "env=prod"));
        var conflict = await Kubectl.RunAsync("label", "vm", "web-1", "-n", ns, "env=dev");
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 labeled\n", await Kubectl.OkAsync("label", "vm", "web-1", "-n", ns, "env=dev", "--overwrite"));
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 annotated\n", await Kubectl.OkAsync("annotate", "vm", "web-1", "-n", ns, "owner=ops team"));
        Assert.Equal("dev", await Kubectl.OkAsync("get", "vm", "-n", ns, "-l", "env=dev", "-o", "jsonpath={.items[0].metadata.labels.env}"));
        Assert.Equal("ops team", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.metadata.annotations.owner}"));
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 unlabeled\n", await Kubectl.OkAsync("label", "vm", "web-1", "-n", ns, "env-"));
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 annotated\n", await Kubectl.OkAsync("annotate", "vm", "web-1", "-n", ns, "owner-"));

        Assert.Equal(1, conflict.ExitCode);
        Assert.Equal("error: 'env' already has a value (prod), and --overwrite is false\n", conflict.StandardError);
        Assert.Equal("", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.metadata.labels.env}"));
        Assert.Equal("", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.metadata.annotations.owner}"));
    }

    [Fact]
    public async Task Delete_Wait_ReturnsWhenTheObjectIsGone()
    {
        const string ns = "delete";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var deleted = await Kubectl.OkAsync("delete", "vm", "web-1", "-n", ns, "--wait");

        Assert.Equal("virtualmachine.infra.virtrigaud.io \"web-1\" deleted\n", deleted);
        Assert.Equal("", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "--ignore-not-found", "-o", "name"));
    }

    [Fact]
    public async Task Delete_WithFinalizer_WaitsUntilTheFinalizerIsRemoved()
    {
        const string ns = "delete-finalizer";
        await fixture.CreateVirtualMachineAsync(ns, "held", finalizers: """["example.com/hold"]""");
        await using var delete = Kubectl.Start(["delete", "vm", "held", "-n", ns, "--wait", "--timeout=60s"]);

        await delete.WaitForLineAsync(l => l == "virtualmachine.infra.virtrigaud.io \"held\" deleted", LineTimeout);
        var deletionTimestamp = await Kubectl.OkAsync("get", "vm", "held", "-n", ns, "-o", "jsonpath={.metadata.deletionTimestamp}");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", deletionTimestamp);
        Assert.False(delete.HasExited, "kubectl delete --wait returned while a finalizer still held the object");
        await Kubectl.OkAsync("patch", "vm", "held", "-n", ns, "--type", "json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        var result = await delete.WaitForExitAsync(LineTimeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", await Kubectl.OkAsync("get", "vm", "held", "-n", ns, "--ignore-not-found", "-o", "name"));
    }

    [Fact]
    public async Task Delete_NoWaitWithFinalizer_ReturnsAndShowsTheDeletionTimestamp()
    {
        const string ns = "delete-nowait";
        await fixture.CreateVirtualMachineAsync(ns, "held", finalizers: """["example.com/hold"]""");

        var deleted = await Kubectl.OkAsync("delete", "vm", "held", "-n", ns, "--wait=false");
        var yaml = await Kubectl.OkAsync("get", "vm", "held", "-n", ns, "-o", "yaml");
        await Kubectl.OkAsync("patch", "vm", "held", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""");

        Assert.Equal("virtualmachine.infra.virtrigaud.io \"held\" deleted\n", deleted);
        Assert.Matches(@"(?m)^  deletionTimestamp: ""\d{4}-", yaml);
        Assert.Contains("  finalizers:\n  - example.com/hold\n", yaml, StringComparison.Ordinal);
        await Kubectl.OkAsync("wait", "vm/held", "-n", ns, "--for=delete", "--timeout=30s");
    }

    [Fact]
    public async Task Delete_LabelSelector_DeletesTheMatchingObjects()
    {
        const string ns = "delete-selector";
        await fixture.CreateVirtualMachineAsync(ns, "a", labels: """{"batch":"old"}""");
        await fixture.CreateVirtualMachineAsync(ns, "b", labels: """{"batch":"old"}""");
        await fixture.CreateVirtualMachineAsync(ns, "c", labels: """{"batch":"new"}""");

        var deleted = await Kubectl.OkAsync("delete", "vm", "-n", ns, "-l", "batch=old");

        Assert.Equal("virtualmachine.infra.virtrigaud.io \"a\" deleted\nvirtualmachine.infra.virtrigaud.io \"b\" deleted\n", deleted);
        Assert.Equal("c", await Kubectl.OkAsync("get", "vm", "-n", ns, "-o", "jsonpath={.items[*].metadata.name}"));
    }

    [Fact]
    public async Task Wait_ConditionReady_TimesOutThenMeetsItAfterAStatusPatch()
    {
        const string ns = "wait-condition";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var early = await Kubectl.RunAsync("wait", "vm/web-1", "-n", ns, "--for=condition=Ready", "--timeout=1s");
        await using var waiting = Kubectl.Start(["wait", "vm/web-1", "-n", ns, "--for=condition=Ready", "--timeout=60s"]);
        var patched = await Kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--subresource=status", "--type", "merge", "-p", """
            {"spec":{"classRef":{"name":"ignored"}},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","reason":"Running","message":"up","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}
            """);
        var met = await waiting.WaitForExitAsync(LineTimeout);

        Assert.Equal(1, early.ExitCode);
        Assert.Equal("error: timed out waiting for the condition on virtualmachines/web-1\n", early.StandardError);
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched\n", patched);
        Assert.True(met.ExitCode == 0, met.ToString());
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 condition met", met.StandardOutput);

        // The status subresource ignores spec and leaves generation alone.
        Assert.Equal("small 1", await Kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.classRef.name} {.metadata.generation}"));
    }

    [Fact]
    public async Task Wait_JsonPathPhase_ReturnsOnceThePhaseMatches()
    {
        const string ns = "wait-jsonpath";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");
        await Kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--subresource=status", "--type", "merge", "-p", """{"status":{"phase":"Provisioning"}}""");

        var early = await Kubectl.RunAsync("wait", "vm/web-1", "-n", ns, "--for=jsonpath={.status.phase}=Running", "--timeout=1s");
        await using var waiting = Kubectl.Start(["wait", "vm/web-1", "-n", ns, "--for=jsonpath={.status.phase}=Running", "--timeout=60s"]);
        await Kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--subresource=status", "--type", "merge", "-p", """{"status":{"phase":"Running"}}""");
        var met = await waiting.WaitForExitAsync(LineTimeout);

        Assert.Equal(1, early.ExitCode);
        Assert.Equal("error: timed out waiting for the condition on virtualmachines/web-1\n", early.StandardError);
        Assert.True(met.ExitCode == 0, met.ToString());
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 condition met", met.StandardOutput);
    }

    [Fact]
    public async Task Explain_VmSpec_PrintsItsFields()
    {
        var output = await Kubectl.OkAsync("explain", "vm.spec");

        Assert.Matches(@"(?m)^GROUP:\s+infra\.virtrigaud\.io$", output);
        Assert.Matches(@"(?m)^KIND:\s+VirtualMachine$", output);
        Assert.Matches(@"(?m)^VERSION:\s+v1beta1$", output);
        Assert.Matches(@"(?m)^FIELD: spec <Object>$", output);
        Assert.Matches(@"(?m)^  classRef\t<Object> -required-$", output);
        Assert.Matches(@"(?m)^  providerRef\t<Object> -required-$", output);
        Assert.Matches(@"(?m)^  networks\t<\[\]Object>$", output);
        Assert.Matches(@"(?m)^  powerState\t<string>$", output);
    }

    [Fact]
    public async Task Explain_Recursive_PrintsNestedFields()
    {
        var output = await Kubectl.OkAsync("explain", "vmset.spec.template", "--recursive");

        Assert.Matches(@"(?m)^KIND:\s+VMSet$", output);
        Assert.Matches(@"(?m)^    providerRef\t<Object> -required-$", output);
        Assert.Matches(@"(?m)^      name\t<string> -required-$", output);
    }

    [Fact]
    public async Task Diff_ChangedFile_ShowsTheChangeAndExitsOne()
    {
        const string ns = "diff";
        await Kubectl.OkAsync("apply", "-f", fixture.WriteFile("diff-1.yaml", ExampleManifests.Load("vm-cloud-init-inline.yaml", ns)));
        var same = fixture.WriteFile("diff-same.yaml", ExampleManifests.Load("vm-cloud-init-inline.yaml", ns));
        var changed = fixture.WriteFile("diff-2.yaml", ExampleManifests.Load("vm-cloud-init-inline.yaml", ns).Replace("name: small", "name: large", StringComparison.Ordinal));

        var none = await Kubectl.RunAsync("diff", "-f", same);
        var diff = await Kubectl.RunAsync("diff", "-f", changed);

        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Equal("", none.StandardOutput);
        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Matches(@"(?m)^-    name: small$", diff.StandardOutput);
        Assert.Matches(@"(?m)^\+    name: large$", diff.StandardOutput);
        Assert.Matches(@"(?m)^-  generation: 1$", diff.StandardOutput);
        Assert.Matches(@"(?m)^\+  generation: 2$", diff.StandardOutput);
        Assert.Equal("small", await Kubectl.OkAsync("get", "vm", "web-01", "-n", ns, "-o", "jsonpath={.spec.classRef.name}"));
    }

    [Fact]
    public async Task DryRunServer_CreateAndApply_PersistNothing()
    {
        const string ns = "dry-run";
        var file = fixture.WriteFile("dry-run.yaml", ExampleManifests.Load("vmclass-small.yaml", ns));

        var created = await Kubectl.OkAsync("create", "-f", file, "--dry-run=server", "-o", "jsonpath={.metadata.uid} {.spec.cpu}");
        var afterCreate = await Kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "--ignore-not-found", "-o", "name");
        await Kubectl.OkAsync("apply", "-f", file);
        var applied = await Kubectl.OkAsync("apply", "-f", fixture.WriteFile("dry-run-2.yaml", ExampleManifests.Load("vmclass-small.yaml", ns).Replace("cpu: 2", "cpu: 5", StringComparison.Ordinal)), "--dry-run=server");

        Assert.Matches(@"^[0-9a-f-]{36} 2$", created);
        Assert.Equal("", afterCreate);
        Assert.Equal("vmclass.infra.virtrigaud.io/small configured (server dry run)\n", applied);
        Assert.Equal("2", await Kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.spec.cpu}"));
    }

    [Fact]
    public async Task Scale_VmSet_SetsSpecReplicas()
    {
        const string ns = "scale";
        await Kubectl.OkAsync("apply", "-f", fixture.WriteFile("scale.yaml", ExampleManifests.Load("vmset-web-tier.yaml", ns).Replace("replicas: 3", "replicas: 1", StringComparison.Ordinal)));

        var scaled = await Kubectl.OkAsync("scale", "vmset", "web", "-n", ns, "--replicas=3");
        var precondition = await Kubectl.RunAsync("scale", "vmset", "web", "-n", ns, "--current-replicas=2", "--replicas=4");

        Assert.Equal("vmset.infra.virtrigaud.io/web scaled\n", scaled);
        Assert.Equal("3", await Kubectl.OkAsync("get", "vmset", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}"));
        Assert.Equal("3", await Kubectl.OkAsync("get", "vmset", "web", "-n", ns, "--subresource=scale", "-o", "jsonpath={.spec.replicas}"));
        Assert.Equal(1, precondition.ExitCode);
        Assert.Contains("Expected replicas to be 2, was 3", precondition.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRaw_GroupVersion_ListsResourcesAndSubresources()
    {
        var list = JsonNode.Parse(await Kubectl.OkAsync("get", "--raw", "/apis/infra.virtrigaud.io/v1beta1"))!;

        Assert.Equal("APIResourceList", (string?)list["kind"]);
        Assert.Equal("infra.virtrigaud.io/v1beta1", (string?)list["groupVersion"]);
        var names = list["resources"]!.AsArray().Select(r => (string)r!["name"]!).ToHashSet();
        foreach (var kind in Kinds.All)
        {
            Assert.Contains(kind.Plural, names);
            Assert.Contains(kind.Plural + "/status", names);
        }

        Assert.Contains("virtualmachines/power", names);
        Assert.Contains("virtualmachines/console", names);
        var scale = list["resources"]!.AsArray().Single(r => (string?)r!["name"] == "vmsets/scale")!;
        Assert.Equal(("autoscaling", "v1", "Scale"), ((string?)scale["group"], (string?)scale["version"], (string?)scale["kind"]));
    }

    [Fact]
    public async Task ApiResources_OurGroup_ListsNamesShortNamesAndKinds()
    {
        var table = KubectlTable.Parse(await Kubectl.OkAsync("api-resources", "--api-group=infra.virtrigaud.io"));

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], table.Headers);
        Assert.Equal(Kinds.All.Count, table.Rows.Count);
        foreach (var kind in Kinds.All)
        {
            var row = table.Row(kind.Plural);
            Assert.Equal((string.Join(',', kind.ShortNames), "infra.virtrigaud.io/v1beta1", "true", kind.Kind), (row["SHORTNAMES"], row["APIVERSION"], row["NAMESPACED"], row["KIND"]));
        }
    }

    [Fact]
    public async Task ApiVersions_ListsOurGroupVersion()
    {
        var output = await Kubectl.OkAsync("api-versions");

        Assert.Contains("infra.virtrigaud.io/v1beta1", output.Split('\n'));
    }

    [Fact]
    public async Task Proxy_FreePort_ServesTheApiOverPlainHttp()
    {
        const string ns = "proxy";
        await fixture.CreateVirtualMachineAsync(ns, "web-1");
        await using var proxy = Kubectl.Start(["proxy", "--port=0"]);

        var line = await proxy.WaitForLineAsync(l => l.StartsWith("Starting to serve on ", StringComparison.Ordinal), LineTimeout);
        var address = new Uri("http://" + line["Starting to serve on ".Length..]);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address };
        using var list = await http.GetAsync(new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{ns}/virtualmachines", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{ns}/virtualmachines/nope", UriKind.Relative));
        var version = JsonNode.Parse(await http.GetStringAsync(new Uri("/version", UriKind.Relative)))!;

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = JsonNode.Parse(await list.Content.ReadAsStringAsync())!;
        Assert.Equal("VirtualMachineList", (string?)body["kind"]);
        Assert.Equal(["web-1"], body["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NotFound", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["reason"]);
        Assert.Equal("1", (string?)version["major"]);
    }

    private async Task CreateOnceAsync(string ns, string name, string provider = "libvirt-lab", string labels = "{}")
    {
        // Theory rows share the namespace (xunit runs a class's tests one after the other); the first row creates.
        using var response = await fixture.Server.Client.GetAsync(new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{ns}/virtualmachines/{name}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            await fixture.CreateVirtualMachineAsync(ns, name, provider, labels);
        }
    }

    private string EditorScript(string name, string command)
    {
        // kubectl runs an editor command containing a space through the shell, with the file appended.
        return "sh " + fixture.WriteFile(name, command + "\n");
    }
}
