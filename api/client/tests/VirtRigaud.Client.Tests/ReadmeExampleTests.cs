using System.Runtime.CompilerServices;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Configuration;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests;

/// <summary>The README's example, copied verbatim, run against a real API server through <c>KUBECONFIG</c>.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_ListsThenWatches()
    {
        await using var server = await ClientTestServer.StartAsync();
        using (var seed = new VirtRigaudClient(KubernetesClientConfiguration.LoadKubeconfig(server.KubeconfigPath)))
        {
            await seed.VirtualMachines("default").CreateAsync(Objects.Vm("listed"));
        }

        var output = new StringWriter();
        var previousOut = Console.Out;
        var previousKubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        Console.SetOut(TextWriter.Synchronized(output));
        Environment.SetEnvironmentVariable("KUBECONFIG", server.KubeconfigPath);
        using var cancel = new CancellationTokenSource(Wait.DefaultTimeout);
        try
        {
            var example = Task.Run(() => ReadmeAsync(cancel.Token));
            await Wait.UntilAsync(() => output.ToString().Contains("listed:", StringComparison.Ordinal), "the example's list output");
            using (var writer = new VirtRigaudClient(KubernetesClientConfiguration.LoadKubeconfig(server.KubeconfigPath)))
            {
                await writer.VirtualMachines("default").CreateAsync(Objects.Vm("watched"));
            }

            await Wait.UntilAsync(() => output.ToString().Contains("ADDED watched", StringComparison.Ordinal), "the example's watch output");
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => example);
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.SetEnvironmentVariable("KUBECONFIG", previousKubeconfig);
        }

        Assert.DoesNotContain("BOOKMARK", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_Snippet_IsTheCodeThisClassRuns()
    {
        var source = File.ReadAllLines(SourcePath());
        var start = Array.FindIndex(source, l => l.TrimStart().StartsWith("// ---- api/client/README.md", StringComparison.Ordinal)) + 1;
        var end = Array.FindIndex(source, l => l.TrimStart().StartsWith("// ---- end of the README snippet", StringComparison.Ordinal));
        var tested = source[start..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim()).ToList();
        var readme = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", "..", "README.md"));
        var open = Array.IndexOf(readme, "```csharp") + 1;
        var close = Array.IndexOf(readme, "```", open);

        Assert.Equal(readme[open..close], tested.SkipLast(1));
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;

    private static async Task ReadmeAsync(CancellationToken cancellationToken)
    {
        // ---- api/client/README.md, "Ten lines", verbatim ----
        using var client = new VirtRigaudClient(KubernetesClientConfiguration.LoadDefault());
        var vms = client.VirtualMachines("default");
        var list = await vms.ListAsync(cancellationToken: cancellationToken);
        foreach (var vm in list.Items)
            Console.WriteLine($"{vm.Metadata.Name}: {vm.Status?.Phase}");

        var fromHere = new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, AllowWatchBookmarks = true };
        await foreach (var change in vms.WatchAsync(fromHere, cancellationToken))
            if (change.Type != WatchEventType.Bookmark)
                Console.WriteLine($"{change.Type} {change.Object.Metadata.Name}");

        // ---- end of the README snippet ----
    }
}
