using System.Text;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Clients;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>
/// The standalone core resources through real kubectl binaries (the version dispatcher, and Debian's kubectl 1.20,
/// which validates client-side with the protobuf OpenAPI), as a user types the commands.
/// </summary>
public sealed class CoreKubectlTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private Kubectl Kubectl => fixture.Kubectl();

    [Fact]
    public async Task CreateSecretGeneric_FromLiteral_CreatesItAndGetShowsTheColumns()
    {
        const string ns = "kubectl-secret";

        var created = await Kubectl.OkAsync("create", "secret", "generic", "db", "--from-literal=password=s3cr3t", "--from-literal=user=admin", "-n", ns);
        var password = await Kubectl.OkAsync("get", "secret", "db", "-n", ns, "-o", "jsonpath={.data.password}");
        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "secrets", "-n", ns));

        Assert.Equal("secret/db created\n", created);
        Assert.Equal("s3cr3t", Encoding.UTF8.GetString(Convert.FromBase64String(password)));
        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], table.Headers);
        Assert.Equal(("Opaque", "2"), (table.Row("db")["TYPE"], table.Row("db")["DATA"]));
    }

    [Fact]
    public async Task Apply_CloudInitSecretExample_CreatesTheSecretAndTheVirtualMachine()
    {
        const string ns = "kubectl-cloud-init";
        var file = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vm-cloud-init-secret.yaml", ns));

        var first = await Kubectl.RunAsync("apply", "-f", file);
        var second = await Kubectl.RunAsync("apply", "-f", file);
        var userdata = await Kubectl.OkAsync("get", "secret", "app-01-cloud-init", "-n", ns, "-o", "jsonpath={.data.userdata}");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("", first.StandardError);
        Assert.Contains("secret/app-01-cloud-init created\n", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("virtualmachine.infra.virtrigaud.io/app-01 created\n", first.StandardOutput, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("#cloud-config\n", Encoding.UTF8.GetString(Convert.FromBase64String(userdata)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ChangedSecret_ConfiguresItByStrategicMergePatch()
    {
        const string ns = "kubectl-apply-secret";
        const string manifest = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
              namespace: kubectl-apply-secret
            type: Opaque
            stringData:
              user: admin
            """;
        await Kubectl.OkAsync("apply", "-f", fixture.WriteFile(ns + "-1.yaml", manifest));

        var configured = await Kubectl.OkAsync("apply", "-f", fixture.WriteFile(ns + "-2.yaml", manifest.Replace("user: admin", "user: root", StringComparison.Ordinal)));
        var user = await Kubectl.OkAsync("get", "secret", "creds", "-n", ns, "-o", "jsonpath={.data.user}");

        Assert.Equal("secret/creds configured\n", configured);
        Assert.Equal("root", Encoding.UTF8.GetString(Convert.FromBase64String(user)));
    }

    [Fact]
    public async Task Apply_InvalidSecret_PrintsTheServersError()
    {
        const string ns = "kubectl-bad-secret";
        var file = fixture.WriteFile(ns + ".yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: tls
              namespace: kubectl-bad-secret
            type: kubernetes.io/tls
            stringData:
              tls.crt: only-the-certificate
            """);

        var result = await Kubectl.RunAsync("apply", "-f", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The Secret \"tls\" is invalid: data[tls.key]: Required value", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEventsAndDescribe_ShowTheEventsOfAVirtualMachine()
    {
        const string ns = "kubectl-events";
        var vm = await fixture.CreateVirtualMachineAsync(ns, "web-1");
        var core = EventsTests.CoreEvent(ns, "web-1.started", objectName: "web-1");
        core["involvedObject"]!["uid"] = vm["metadata"]!["uid"]!.DeepClone();
        await CoreApi.CreateAsync(fixture.Server.Client, CoreApi.V1(ns, "events"), core);

        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "events", "-n", ns));
        var describe = await Kubectl.RunAsync("describe", "vm", "web-1", "-n", ns);

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], table.Headers);
        var row = table.Rows.Single();
        Assert.Equal(("Normal", "Started", "virtualmachine/web-1", "Started the machine"), (row["TYPE"], row["REASON"], row["OBJECT"], row["MESSAGE"]));
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Matches(@"(?m)^Events:\n  Type\s+Reason\s+Age\s+From\s+Message\n", describe.StandardOutput);
        Assert.Matches(@"(?m)^  Normal\s+Started\s+\S+ \(x3 over \S+\)\s+virtrigaud-controller\s+Started the machine$", describe.StandardOutput);
    }

    [Fact]
    public async Task GetLease_ShowsTheHolder()
    {
        const string ns = "kubectl-lease";
        await CoreApi.CreateAsync(fixture.Server.Client, CoreApi.Leases(ns), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "virtrigaud-manager" },
            ["spec"] = new JsonObject { ["holderIdentity"] = "manager-0_1234", ["leaseDurationSeconds"] = 15 },
        });

        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "lease", "-n", ns));

        Assert.Equal(["NAME", "HOLDER", "AGE"], table.Headers);
        Assert.Equal("manager-0_1234", table.Row("virtrigaud-manager")["HOLDER"]);
    }

    [Fact]
    public async Task Namespaces_CreateGetDelete_AsAUserTypesThem()
    {
        var created = await Kubectl.OkAsync("create", "ns", "kubectl-made");
        var again = await Kubectl.RunAsync("create", "ns", "kubectl-made");
        var table = KubectlTable.Parse(await Kubectl.OkAsync("get", "ns"));
        var deleted = await Kubectl.OkAsync("delete", "ns", "kubectl-made");
        var builtIn = await Kubectl.RunAsync("delete", "ns", "default");

        Assert.Equal("namespace/kubectl-made created\n", created);
        Assert.Equal("Error from server (AlreadyExists): namespaces \"kubectl-made\" already exists\n", again.StandardError);
        Assert.Equal(["NAME", "STATUS", "AGE"], table.Headers);
        Assert.Equal("Active", table.Row("kubectl-made")["STATUS"]);
        Assert.Equal("Active", table.Row("default")["STATUS"]);
        Assert.Equal("namespace \"kubectl-made\" deleted\n", deleted);
        Assert.Equal("Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\n", builtIn.StandardError);
    }

    [Fact]
    public async Task Explain_SecretData_UsesThePublishedSchema()
    {
        var output = await Kubectl.OkAsync("explain", "secret.data");

        Assert.Contains("Data contains the secret data.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_SecretWithKubectl120_ValidatesAgainstTheProtobufOpenApi()
    {
        const string ns = "kubectl-120";
        var kubectl = fixture.Kubectl(ClientBinaries.Kubectl120);
        var file = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vm-cloud-init-secret.yaml", ns));
        var typo = fixture.WriteFile(ns + "-typo.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: typo
              namespace: kubectl-120
            stringdata:
              k: v
            """);

        var applied = await kubectl.RunAsync("apply", "-f", file);
        var rejected = await kubectl.RunAsync("apply", "-f", typo);

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("secret/app-01-cloud-init created", applied.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("unknown field \"stringdata\"", rejected.StandardError, StringComparison.Ordinal);
    }
}
