using System.Diagnostics;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Clients;

namespace VirtRigaud.Apiserver.Tests.Core;

/// <summary>
/// Debian's python3-kubernetes typed APIs (CoreV1Api, CoordinationV1Api, EventsV1Api) against the standalone core
/// API: the script (python/core_client.py) runs once per class; each test asserts one step of what it printed.
/// </summary>
public sealed class PythonCoreClientTests(PythonCoreClientTests.Run run) : IClassFixture<PythonCoreClientTests.Run>
{
    private JsonNode Results => run.Results;

    [Fact]
    public void CreateAndReadSecret_StringData_IsStoredAsData()
    {
        Assert.Equal("Opaque", (string?)Results["createSecret"]!["type"]);
        Assert.Equal(["password"], Results["createSecret"]!["keys"]!.AsArray().Select(k => (string?)k));
        Assert.Null(Results["createSecret"]!["stringData"]);
        Assert.Equal("s3cr3t", (string?)Results["readSecret"]!["password"]);
    }

    [Theory]
    [InlineData("createSecretAgain", 409, "AlreadyExists", "")]
    [InlineData("createSecretBadKey", 422, "Invalid", "data[no spaces]")]
    public void Errors_TypedClient_GetsTheStatus(string step, int code, string reason, string field)
    {
        var error = Results[step]!["error"]!;

        Assert.Equal((code, reason), ((int)error["status"]!, (string?)error["reason"]));
        if (field.Length > 0)
        {
            Assert.Contains(field, error["fields"]!.AsArray().Select(f => (string?)f));
        }
    }

    [Fact]
    public void ListSecrets_FieldAndLabelSelectors_Select()
    {
        Assert.Equal(["db"], Results["listSecrets"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void CreateConfigMap_ReturnsTheData()
    {
        Assert.Equal("fast", (string?)Results["createConfigMap"]!["mode"]);
    }

    [Fact]
    public void Lease_CreateRenewAndStaleReplace_BehaveAsForALeaderElector()
    {
        Assert.Equal("py-0", (string?)Results["createLease"]!["holder"]);
        Assert.Equal("2025-01-01T10:00:00.123456+00:00", (string?)Results["createLease"]!["renewTime"]);
        Assert.Equal("2025-01-01T10:00:10.123456+00:00", (string?)Results["renewLease"]!["renewTime"]);
        Assert.Equal(409, (int)Results["renewLease"]!["conflict"]!["status"]!);
    }

    [Fact]
    public void CoreEvent_IsListedThroughEventsV1ByRegarding()
    {
        var seen = Results["createEvent"]!.AsArray().Single()!;

        Assert.Equal(("vm-1.started", "Started the machine", "VirtualMachine"), ((string?)seen["name"], (string?)seen["note"], (string?)seen["regarding"]));
    }

    [Fact]
    public void Namespaces_CreateAndList()
    {
        Assert.Equal("Active", (string?)Results["createNamespace"]);
        var names = Results["listNamespaces"]!.AsArray().Select(n => (string?)n).ToList();
        Assert.Contains("default", names);
        Assert.Contains(run.Namespace, names);
        Assert.Contains(run.Namespace + "-made", names);
    }

    /// <summary>Runs the script once against a fresh server.</summary>
    public sealed class Run : IAsyncLifetime
    {
        private readonly ClientServerFixture _server = new();

        /// <summary>The namespace the script works in.</summary>
        public string Namespace => "python-core";

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
            start.ArgumentList.Add(Path.Combine(RepositoryFiles.Root, "apiserver", "tests", "VirtRigaud.Apiserver.Tests", "Core", "python", "core_client.py"));
            start.ArgumentList.Add(_server.Server.KubeconfigPath);
            start.ArgumentList.Add(Namespace);
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
                throw new TimeoutException($"core_client.py did not finish in 120 s\n{await stdout}\n{await stderr}");
            }

            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0 && errors.Contains("No module named 'kubernetes'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("python3-kubernetes is missing for /usr/bin/python3: run hack/install-test-deps.sh\n" + errors);
            }

            Assert.True(process.ExitCode == 0, $"core_client.py exited with {process.ExitCode}\n--- stdout ---\n{output}\n--- stderr ---\n{errors}");
            Results = JsonNode.Parse(output)!;
        }

        public Task DisposeAsync() => _server.DisposeAsync();
    }
}
