using System.Text.RegularExpressions;
using VirtRigaud.Apiserver.Tests.Clients;

namespace VirtRigaud.Apiserver.Tests.OpenApi.Protobuf;

/// <summary>
/// The kubectl versions that read OpenAPI v2 as gnostic protobuf, against a real server: 1.27 and 1.28 for explain
/// (both request <c>/openapi/v2</c> with the deprecated <c>@v1.0+protobuf</c> media type, and fall back to
/// <c>/swagger-2.0.0.pb-v1</c> only on 403/404/406), and Debian's 1.20, whose <c>apply</c>/<c>create</c> validate
/// manifests client side against that document and fail without it.
/// </summary>
public sealed partial class KubectlProtobufOpenApiTests(ClientServerFixture fixture) : IClassFixture<ClientServerFixture>
{
    private const string Kubectl128 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.28";

    public static TheoryData<string> ProtobufKubectls => new() { ClientBinaries.Kubectl127, Kubectl128, ClientBinaries.Kubectl120 };

    [Theory]
    [MemberData(nameof(ProtobufKubectls))]
    public async Task Explain_OlderKubectl_FetchesProtobufOpenApiV2WithoutFallback(string binary)
    {
        var result = await fixture.Kubectl(binary).RunAsync("explain", "vmclass", "-v=8");

        Assert.True(result.ExitCode == 0, result.ToString());
        // kubectl logs requests from concurrent goroutines interleaved (cold discovery cache), so each fact is matched
        // on its own line rather than as one block.
        var log = result.StandardError;
        Assert.True(Regex.IsMatch(log, @"GET https://[^/\s]+/openapi/v2\?timeout=32s\n"), result.ToString());
        Assert.True(Regex.IsMatch(log, @"\]\s+Accept: application/com\.github\.proto-openapi\.spec\.v2@v1\.0\+protobuf\n"), result.ToString());
        Assert.True(Regex.IsMatch(log, @"\]\s+Content-Type: application/com\.github\.proto-openapi\.spec\.v2\.v1\.0\+protobuf\n"), result.ToString());
        Assert.DoesNotContain("406 Not Acceptable", log, StringComparison.Ordinal);
        Assert.DoesNotContain("/swagger-2.0.0.pb-v1", log, StringComparison.Ordinal);
        Assert.Matches(@"KIND:\s+VMClass", result.StandardOutput);
    }

    [Fact]
    public async Task Explain_Kubectl127VmSpec_PrintsTheSpecFields()
    {
        var output = await fixture.Kubectl(ClientBinaries.Kubectl127).OkAsync("explain", "vm.spec");

        Assert.Matches(@"KIND:\s+VirtualMachine\n", output);
        Assert.Matches(@"VERSION:\s+v1beta1\n", output);
        Assert.Matches(@"FIELD: spec <Object>\n", output);
        Assert.Matches(@"\n  classRef\t<Object> -required-\n", output);
        Assert.Matches(@"\n  providerRef\t<Object> -required-\n", output);
        Assert.Matches(@"\n  powerState\t<string>\n", output);
    }

    [Fact]
    public async Task Explain_Kubectl128VirtualMachines_PrintsTheTopLevelFields()
    {
        var output = await fixture.Kubectl(Kubectl128).OkAsync("explain", "virtualmachines");

        Assert.Matches(@"GROUP:\s+infra\.virtrigaud\.io\n", output);
        Assert.Matches(@"KIND:\s+VirtualMachine\n", output);
        var fields = FieldLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], fields);
    }

    [Fact]
    public async Task Apply_Kubectl120ExampleVmClass_CreatedWithValidationOn()
    {
        const string ns = "pb-apply";
        var manifest = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vmclass-small.yaml", ns));
        var kubectl = fixture.Kubectl(ClientBinaries.Kubectl120);

        var created = await kubectl.RunAsync("apply", "--validate=true", "-f", manifest);
        var unchanged = await kubectl.RunAsync("apply", "--validate=true", "-f", manifest);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("vmclass.infra.virtrigaud.io/small created\n", created.StandardOutput);
        Assert.Equal("", created.StandardError);
        Assert.Equal("vmclass.infra.virtrigaud.io/small unchanged\n", unchanged.StandardOutput);
    }

    [Theory]
    [InlineData("guestToolsPolicy: install", "guestToolPolicy: install",
        "ValidationError(VMClass.spec): unknown field \"guestToolPolicy\" in io.virtrigaud.infra.v1beta1.VMClass.spec")]
    [InlineData("cpu: 2", "cpu: two",
        "ValidationError(VMClass.spec.cpu): invalid type for io.virtrigaud.infra.v1beta1.VMClass.spec.cpu: got \"string\", expected \"integer\"")]
    public async Task Apply_Kubectl120InvalidManifest_RejectedByClientSideValidation(string field, string invalid, string error)
    {
        var ns = "pb-invalid-" + (invalid.StartsWith("cpu", StringComparison.Ordinal) ? "type" : "field");
        var manifest = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vmclass-small.yaml", ns).Replace(field, invalid, StringComparison.Ordinal));
        var kubectl = fixture.Kubectl(ClientBinaries.Kubectl120);

        var result = await kubectl.RunAsync("apply", "-f", manifest);
        var get = await kubectl.RunAsync("get", "vmclass", "small", "-n", ns);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(error, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("turn validation off with --validate=false", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("NotFound", get.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_Kubectl120UnknownFieldValidationOff_ServerWarnsAndDropsIt()
    {
        const string ns = "pb-validate-off";
        var manifest = fixture.WriteFile(ns + ".yaml", ExampleManifests.Load("vmclass-small.yaml", ns)
            .Replace("guestToolsPolicy: install", "guestToolPolicy: install", StringComparison.Ordinal));
        var kubectl = fixture.Kubectl(ClientBinaries.Kubectl120);

        var result = await kubectl.RunAsync("apply", "--validate=false", "-f", manifest);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("vmclass.infra.virtrigaud.io/small created\n", result.StandardOutput);
        Assert.Contains("Warning: unknown field \"spec.guestToolPolicy\"", result.StandardError, StringComparison.Ordinal);
        // Pruned from the object (only kubectl's last-applied-configuration annotation still has it).
        var spec = await kubectl.OkAsync("get", "vmclass", "small", "-n", ns, "-o", "jsonpath={.spec}");
        Assert.Contains("\"firmware\":\"BIOS\"", spec, StringComparison.Ordinal);
        Assert.DoesNotContain("guestToolPolicy", spec, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\n  (\w+)\t<", RegexOptions.None)]
    private static partial Regex FieldLine();
}
