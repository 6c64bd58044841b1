using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// Debian's python3-kubernetes (the official Python client, 22.6) against the server: its dynamic client discovers our
/// kinds, creates, gets, lists with selectors, patches, watches in a thread while the script changes and deletes, and
/// reads the error statuses. The script (python/dynamic_client.py) runs once per class and prints what it saw; each
/// test asserts one part of that, so one server bug fails one test.
/// </summary>
public sealed class PythonDynamicClientTests(PythonDynamicClientTests.Run run) : IClassFixture<PythonDynamicClientTests.Run>
{
    private JsonNode Results => run.Results;

    [Fact]
    public void Version_TrailingSlashPath_ReturnsTheServerVersion()
    {
        Assert.StartsWith("v1.", (string?)Results["version"], StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_VirtualMachine_ResolvesTheResource()
    {
        var resource = Results["resource"]!;

        Assert.Equal("virtualmachines", (string?)resource["name"]);
        Assert.Equal("VirtualMachine", (string?)resource["kind"]);
        Assert.True((bool)resource["namespaced"]!);
        Assert.Equal(["vm"], resource["shortNames"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], resource["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["scale", "status"], Results["vmsetSubresources"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void Create_TwoObjects_ServerFillsMetadata()
    {
        foreach (var (key, name) in new[] { ("createA", "py-a"), ("createB", "py-b") })
        {
            var created = Object(key);
            Assert.Equal(name, (string?)created["name"]);
            Assert.Equal(run.Namespace, (string?)created["namespace"]);
            Assert.Matches("^[0-9a-f-]{36}$", (string?)created["uid"]);
            Assert.Matches("^[1-9][0-9]*$", (string?)created["resourceVersion"]);
            Assert.Equal(1, (long)created["generation"]!);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)created["creationTimestamp"]);
        }
    }

    [Fact]
    public void Get_Created_ReturnsTheSameObject()
    {
        Assert.True(JsonNode.DeepEquals(Object("createA"), Object("get")));
    }

    [Theory]
    [InlineData("createDuplicate", 409, "AlreadyExists", "virtualmachines.infra.virtrigaud.io \"py-a\" already exists")]
    [InlineData("getMissing", 404, "NotFound", "virtualmachines.infra.virtrigaud.io \"nope\" not found")]
    [InlineData("getDeleted", 404, "NotFound", "virtualmachines.infra.virtrigaud.io \"py-a\" not found")]
    [InlineData("replaceStale", 409, "Conflict", "Operation cannot be fulfilled on virtualmachines.infra.virtrigaud.io \"py-a\": the object has been modified; please apply your changes to the latest version and try again")]
    public void Errors_EachStep_CarriesTheKubernetesStatus(string step, int code, string reason, string message)
    {
        var error = Results[step]?["error"];

        Assert.True(error is not null, $"{step} did not fail: {Results[step]?.ToJsonString()}");
        Assert.Equal((code, reason, message, "Status"), ((int)error["status"]!, (string?)error["reason"], (string?)error["message"], (string?)error["kind"]));
    }

    [Theory]
    [InlineData("listAll", "py-a,py-b")]
    [InlineData("listLabel", "py-a")]
    [InlineData("listField", "py-b")]
    [InlineData("listAllNamespaces", "{ns}/py-a,{ns}/py-b")]
    public void List_Selectors_ReturnTheMatchingNames(string step, string expected)
    {
        var names = Results[step] as JsonArray;

        Assert.True(names is not null, $"{step}: {Results[step]?.ToJsonString()}");
        Assert.Equal(expected.Replace("{ns}", run.Namespace, StringComparison.Ordinal).Split(','), names.Select(n => (string?)n));
        Assert.Equal("VirtualMachineList", (string?)Results["listKind"]);
    }

    [Fact]
    public void Patch_MergeThenJson_ChangeSpecAndLabels()
    {
        var merged = Object("mergePatch");
        var jsonPatched = Object("jsonPatch");

        Assert.Equal(("large", 2L), ((string?)merged["classRef"], (long)merged["generation"]!));
        Assert.Equal("""{"app":"web"}""", merged["labels"]!.ToJsonString());
        Assert.Equal(("large", 2L), ((string?)jsonPatched["classRef"], (long)jsonPatched["generation"]!));
        Assert.Equal("""{"app":"web","tier":"front"}""", jsonPatched["labels"]!.ToJsonString());
        Assert.Contains((string?)Results["delete"], new[] { "Status", "VirtualMachine" });
    }

    [Fact]
    public void Watch_InThread_SeesAddedModifiedModifiedDeleted()
    {
        var events = Results["watchEvents"]!.AsArray();

        Assert.True((bool)Results["watchStarted"]!, events.ToJsonString());
        Assert.True((bool)Results["watchFinished"]!, events.ToJsonString());
        Assert.Equal(["ADDED", "MODIFIED", "MODIFIED", "DELETED"], events.Select(e => (string?)e!["type"]));
        Assert.All(events, e => Assert.Equal("py-a", (string?)e!["name"]));
        Assert.Equal(["small", "large", "large", "large"], events.Select(e => (string?)e!["classRef"]));
        Assert.Equal((string?)Object("createA")["resourceVersion"], (string?)events[0]!["resourceVersion"]);
        Assert.Equal((string?)Object("jsonPatch")["resourceVersion"], (string?)events[2]!["resourceVersion"]);
        Assert.Equal("front", (string?)events[2]!["labels"]!["tier"]);
    }

    [Fact]
    public void Watch_TimeoutSeconds_EndsTheStreamInTime()
    {
        var watch = Results["timeoutWatch"]!;

        // py-b still exists: the watch's initial ADDED; then the server closes the stream after one second.
        Assert.True(watch["error"] is null, watch.ToJsonString());
        Assert.Equal(["ADDED"], watch["types"]!.AsArray().Select(t => (string?)t));
        Assert.InRange((double)watch["seconds"]!, 0.5, 10);
    }

    private JsonObject Object(string step)
    {
        var value = Results[step];
        Assert.True(value is JsonObject o && o["error"] is null, $"{step}: {value?.ToJsonString()}");
        return (JsonObject)value!;
    }

    /// <summary>Runs the script once against a server of its own and keeps its parsed output.</summary>
    public sealed class Run : IAsyncLifetime
    {
        private readonly ClientServerFixture _server = new();

        /// <summary>The namespace the script works in.</summary>
        public string Namespace => "python";

        /// <summary>The script's JSON output.</summary>
        public JsonNode Results { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _server.InitializeAsync();
            var start = new ProcessStartInfo(ClientBinaries.Require(ClientBinaries.DebianPython))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(RepositoryFiles.DynamicClientScript);
            start.ArgumentList.Add(_server.Server.KubeconfigPath);
            start.ArgumentList.Add(Namespace);

            // The user's site packages or a virtualenv must not replace Debian's python3-kubernetes.
            start.Environment["PYTHONNOUSERSITE"] = "1";
            start.Environment.Remove("PYTHONPATH");
            start.Environment["HOME"] = _server.Directory;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dynamic_client.py did not finish in 120 s\n{await stdout}\n{await stderr}");
            }

            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0 && errors.Contains("No module named 'kubernetes'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("python3-kubernetes is missing for /usr/bin/python3: run hack/install-test-deps.sh\n" + errors);
            }

            Assert.True(process.ExitCode == 0, $"dynamic_client.py exited with {process.ExitCode}\n--- stdout ---\n{output}\n--- stderr ---\n{errors}");
            Results = JsonNode.Parse(output)!;
        }

        public Task DisposeAsync() => _server.DisposeAsync();
    }
}
