using System.Diagnostics;
using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.Hosting;

/// <summary>The kubeconfig the server writes, used by the real kubectl.</summary>
public sealed class KubectlTests
{
    [Fact]
    public async Task Kubeconfig_KubectlGetRawHealthz_Ok()
    {
        await using var server = await TestApiServer.StartAsync();

        var (exitCode, output) = await KubectlAsync(server.KubeconfigPath, "get", "--raw", "/healthz");

        Assert.True(exitCode == 0, output);
        Assert.Equal("ok", output.Trim());
    }

    [Fact]
    public async Task Kubeconfig_KubectlVersion_ReportsTheServerVersion()
    {
        await using var server = await TestApiServer.StartAsync();

        var (exitCode, output) = await KubectlAsync(server.KubeconfigPath, "version", "-o", "json");

        Assert.True(exitCode == 0, output);
        var serverVersion = JsonNode.Parse(output)?["serverVersion"];
        Assert.Equal("1", (string?)serverVersion?["major"]);
        Assert.StartsWith("v1.", (string?)serverVersion?["gitVersion"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_ServerRestarted_KubectlStillTrustsIt()
    {
        await using var server = await TestApiServer.StartAsync();
        await server.RestartAsync();

        var (exitCode, output) = await KubectlAsync(server.KubeconfigPath, "get", "--raw", "/apis");

        Assert.True(exitCode == 0, output);
        Assert.Equal("APIGroupList", (string?)JsonNode.Parse(output)?["kind"]);
    }

    private static async Task<(int ExitCode, string Output)> KubectlAsync(string kubeconfig, params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
