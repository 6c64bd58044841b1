using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>
/// Debian's python3-kubernetes (the official Python client) reads what this client wrote and writes what it reads:
/// the wire format is Kubernetes', not a private dialect.
/// </summary>
public sealed class PythonInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // Debian's Python, the one that sees apt's python3-kubernetes (a pyenv python3 on PATH does not).
    private const string DebianPython = "/usr/bin/python3";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task PythonClient_ReadsWhatWeWroteAndWritesWhatWeRead()
    {
        var ns = fixture.NewNamespace("python");
        var vms = fixture.Client.VirtualMachines(ns);
        var ours = await vms.CreateAsync(Objects.Vm("from-dotnet", labels: """{"written-by":"dotnet"}"""));

        var read = await RunAsync(fixture.Server.KubeconfigPath, ns);
        var theirs = await vms.GetAsync("from-python");
        var patched = await vms.GetAsync("from-dotnet");

        Assert.Equal("dotnet", (string?)read["labels"]!["written-by"]);
        Assert.Equal("small", (string?)read["classRef"]);
        Assert.Equal("On", (string?)read["powerState"]);
        Assert.Equal(ours.Metadata.Uid, (string?)read["uid"]);
        Assert.Equal("large", theirs.Spec.ClassRef.Name);
        Assert.Equal(PowerState.Off, theirs.Spec.PowerState);
        Assert.Equal("python", theirs.Metadata.Label("written-by"));
        Assert.Equal("python", patched.Metadata.Annotation("seen-by"));
    }

    private static async Task<JsonNode> RunAsync(string kubeconfig, string ns)
    {
        Assert.True(File.Exists(DebianPython), $"{DebianPython} is missing: install the Debian packages python3 and python3-kubernetes (hack/install-test-deps.sh)");
        var start = new ProcessStartInfo(DebianPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(SourceDirectory(), "python", "interop.py"));
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add(ns);

        // The user's site packages or a virtualenv must not replace Debian's python3-kubernetes.
        start.Environment["PYTHONNOUSERSITE"] = "1";
        start.Environment.Remove("PYTHONPATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"interop.py did not finish in {ScriptTimeout}\n{await stdout}\n{await stderr}");
        }

        var errors = await stderr;
        Assert.False(errors.Contains("No module named 'kubernetes'", StringComparison.Ordinal), "python3-kubernetes is missing for /usr/bin/python3: install the Debian package python3-kubernetes (hack/install-test-deps.sh)");
        Assert.True(process.ExitCode == 0, $"interop.py exited with {process.ExitCode}\n{errors}");
        return JsonNode.Parse(await stdout)!;
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
