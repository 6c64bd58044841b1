using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// The everyday verbs with explicit kubectl versions — the newest and oldest binaries beside the dispatcher (1.33,
/// 1.27) and Debian 12's kubectl 1.20 — so the server works with whichever kubectl a user has, not only the one the
/// dispatcher picks. Every verb runs without workarounds (no <c>--validate=false</c>): what a user types must work.
/// </summary>
public sealed class KubectlVersionsTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Versions => new() { ClientBinaries.Kubectl133, ClientBinaries.Kubectl127, ClientBinaries.Kubectl120 };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Version_PrintsClientAndServerVersions(string binary)
    {
        var json = JsonNode.Parse(await fixture.Kubectl(binary).OkAsync("version", "-o", "json"))!;

        Assert.Equal(Minor(binary), ((string)json["clientVersion"]!["minor"]!).TrimEnd('+'));
        Assert.Equal("1", (string?)json["serverVersion"]!["major"]);
        Assert.StartsWith("v1.", (string?)json["serverVersion"]!["gitVersion"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Apply_CreateChangeReapply_PrintsCreatedConfiguredUnchanged(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "apply");
        var original = fixture.WriteFile(ns + "-1.yaml", ExampleManifests.Load("vmclass-small.yaml", ns));
        var changed = fixture.WriteFile(ns + "-2.yaml", ExampleManifests.Load("vmclass-small.yaml", ns).Replace("cpu: 2", "cpu: 3", StringComparison.Ordinal));

        var created = await kubectl.RunAsync("apply", "-f", original);
        var configured = await kubectl.RunAsync("apply", "-f", changed);
        var unchanged = await kubectl.RunAsync("apply", "-f", changed);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("vmclass.infra.virtrigaud.io/small created\n", created.StandardOutput);
        Assert.True(configured.ExitCode == 0, configured.ToString());
        Assert.Equal("vmclass.infra.virtrigaud.io/small configured\n", configured.StandardOutput);
        Assert.Equal("vmclass.infra.virtrigaud.io/small unchanged\n", unchanged.StandardOutput);
        Assert.Equal("3", await kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.spec.cpu}"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Get_TableYamlJsonPathAndNotFound_PrintTheObject(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "get");
        await fixture.CreateVirtualMachineAsync(ns, "web-1", labels: """{"app":"web"}""");

        var table = KubectlTable.Parse(await kubectl.OkAsync("get", "vm", "-n", ns, "-l", "app=web"));
        var all = KubectlTable.Parse(await kubectl.OkAsync("get", "vm", "-A", "--field-selector", "metadata.namespace=" + ns));
        var yaml = await kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "yaml");
        var jsonPath = await kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.providerRef.name}");
        var missing = await kubectl.RunAsync("get", "vm", "nope", "-n", "default");

        Assert.Equal(["NAME", "PHASE", "PROVIDER", "CLASS", "IMAGE", "IPS", "AGE"], table.Headers);
        Assert.Equal("libvirt-lab", table.Row("web-1")["PROVIDER"]);
        Assert.Equal(ns, all.Row("web-1")["NAMESPACE"]);
        Assert.StartsWith("apiVersion: infra.virtrigaud.io/v1beta1\nkind: VirtualMachine\n", yaml, StringComparison.Ordinal);
        Assert.Equal("libvirt-lab", jsonPath);
        Assert.Equal("Error from server (NotFound): virtualmachines.infra.virtrigaud.io \"nope\" not found\n", missing.StandardError);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Describe_VirtualMachine_PrintsItsFields(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "describe");
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var result = await kubectl.RunAsync("describe", "vm", "web-1", "-n", ns);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardError);
        Assert.Matches(@"(?m)^Name:\s+web-1$", result.StandardOutput);
        Assert.Matches(@"(?m)^Kind:\s+VirtualMachine$", result.StandardOutput);
        Assert.Matches(@"(?m)^  Provider Ref:\n    Name:\s+libvirt-lab$", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task PatchLabelAnnotate_EveryPatchType_ChangesTheObject(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "patch");
        await fixture.CreateVirtualMachineAsync(ns, "web-1");

        var merge = await kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--type", "merge", "-p", """{"spec":{"classRef":{"name":"medium"}}}""");
        var json = await kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/imageRef/name","value":"debian-12"}]""");
        var strategic = await kubectl.OkAsync("patch", "vm", "web-1", "-n", ns, "-p", """{"spec":{"powerState":"Off"}}""");
        var labeled = await kubectl.OkAsync("label", "vm", "web-1", "-n", ns, "env=prod");
        var annotated = await kubectl.OkAsync("annotate", "vm", "web-1", "-n", ns, "owner=ops");

        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched\n", merge);
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched\n", json);
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 patched\n", strategic);
        Assert.Equal("virtualmachine.infra.virtrigaud.io/web-1 labeled\n", labeled);
        Assert.Matches(@"^virtualmachine\.infra\.virtrigaud\.io/web-1 annotated?\n$", annotated); // kubectl 1.27 printed "annotate"
        Assert.Equal(
            "medium debian-12 Off prod ops",
            await kubectl.OkAsync("get", "vm", "web-1", "-n", ns, "-o", "jsonpath={.spec.classRef.name} {.spec.imageRef.name} {.spec.powerState} {.metadata.labels.env} {.metadata.annotations.owner}"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Watch_LabelThenDelete_PrintsModifiedAndDeleted(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "watch");
        var name = ns + "-vm"; // unique: a leaked event of another namespace cannot match the awaited lines
        await fixture.CreateVirtualMachineAsync(ns, name);
        await using var watch = kubectl.Start(["get", "vm", name, "-n", ns, "--watch", "--output-watch-events"]);

        await watch.WaitForLineAsync(l => Regex.IsMatch(l, $@"^ADDED\s+{name}\s"), LineTimeout);
        await kubectl.OkAsync("label", "vm", name, "-n", ns, "watched=yes");
        await watch.WaitForLineAsync(l => Regex.IsMatch(l, $@"^MODIFIED\s+{name}\s"), LineTimeout);
        var deleted = await kubectl.OkAsync("delete", "vm", name, "-n", ns, "--wait");
        await watch.WaitForLineAsync(l => Regex.IsMatch(l, $@"^DELETED\s+{name}\s"), LineTimeout);

        Assert.Equal($"virtualmachine.infra.virtrigaud.io \"{name}\" deleted\n", deleted);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Explain_VmSpec_PrintsItsFields(string binary)
    {
        var result = await fixture.Kubectl(binary).RunAsync("explain", "vm.spec");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^KIND:\s+VirtualMachine$", result.StandardOutput);
        Assert.Matches(@"(?m)^\s+classRef\s+<Object>", result.StandardOutput);
        Assert.Matches(@"(?m)^\s+providerRef\s+<Object>", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Diff_ChangedFile_ShowsTheChange(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "diff");
        await fixture.CreateAsync(ns, "vmclasses", """
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClass","metadata":{"name":"small"},"spec":{"cpu":2,"memory":"4Gi"}}
            """);
        var changed = fixture.WriteFile(ns + ".yaml", $"""
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VMClass
            metadata:
              name: small
              namespace: {ns}
            spec:
              cpu: 4
              memory: 4Gi
            """);

        var diff = await kubectl.RunAsync("diff", "-f", changed);

        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Matches(@"(?m)^-  cpu: 2$", diff.StandardOutput);
        Assert.Matches(@"(?m)^\+  cpu: 4$", diff.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task DryRunServerCreate_PrintsCreatedAndPersistsNothing(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "dry-run");
        var file = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vmclass-large.yaml", ns));

        var created = await kubectl.RunAsync("create", "-f", file, "--dry-run=server");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("vmclass.infra.virtrigaud.io/large created (server dry run)\n", created.StandardOutput);
        Assert.Equal("", await kubectl.OkAsync("get", "vmclass", "large", "-n", ns, "--ignore-not-found", "-o", "name"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Scale_VmSet_SetsSpecReplicas(string binary)
    {
        var kubectl = fixture.Kubectl(binary);
        var ns = Namespace(binary, "scale");
        await fixture.CreateAsync(ns, "vmsets", """
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMSet","metadata":{"name":"web"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"providerRef":{"name":"p"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu-24-04"}}}}}
            """);

        var scaled = await kubectl.OkAsync("scale", "vmset", "web", "-n", ns, "--replicas=3");

        Assert.Equal("vmset.infra.virtrigaud.io/web scaled\n", scaled);
        Assert.Equal("3", await kubectl.OkAsync("get", "vmset", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ApiResources_OurGroup_ListsEveryKind(string binary)
    {
        var table = KubectlTable.Parse(await fixture.Kubectl(binary).OkAsync("api-resources", "--api-group=infra.virtrigaud.io"));

        Assert.Equal(Kinds.All.Select(k => k.Plural).Order(StringComparer.Ordinal), table.Rows.Select(r => r["NAME"]));
        Assert.All(Kinds.All, k => Assert.Equal(k.Kind, table.Row(k.Plural)["KIND"]));
    }

    private static string Minor(string binary) => binary == ClientBinaries.Kubectl120 ? "20" : binary[(binary.LastIndexOf('.') + 1)..];

    // Namespaces per version and test, so the versions' objects never meet on the shared server.
    private static string Namespace(string binary, string test) => $"v1{Minor(binary)}-{test}";
}
