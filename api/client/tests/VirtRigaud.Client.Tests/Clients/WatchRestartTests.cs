using System.Threading.Channels;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>A watch survives a server restart the way a reflector resumes it: re-watch from the last resource version seen.</summary>
public sealed class WatchRestartTests : IAsyncLifetime
{
    private ClientTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ClientTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WatchAsync_ServerRestarts_StreamEndsAndResumesFromTheLastVersionWithoutLossOrDuplicates()
    {
        using var client = new VirtRigaudClient(VirtRigaud.Client.Configuration.KubernetesClientConfiguration.LoadKubeconfig(_server.KubeconfigPath));
        var vms = client.VirtualMachines("restart");
        var start = (await vms.ListAsync()).Metadata.ResourceVersion;
        var events = WatchTests.Collect(vms.WatchAsync(new ListOptions { ResourceVersion = start }, CancellationToken.None));
        await vms.CreateAsync(Objects.Vm("before"));
        var first = Assert.Single(await WatchTests.TakeAsync(events, 1));

        await _server.StopAsync();
        var ended = await DrainAsync(events);
        await _server.RestartAsync();
        await vms.CreateAsync(Objects.Vm("after"));
        var resumed = WatchTests.Collect(vms.WatchAsync(new ListOptions { ResourceVersion = first.Object.Metadata.ResourceVersion }, CancellationToken.None));
        var next = Assert.Single(await WatchTests.TakeAsync(resumed, 1));

        Assert.Equal("before", first.Object.Metadata.Name);
        Assert.Empty(ended);
        Assert.Equal(WatchEventType.Added, next.Type);
        Assert.Equal("after", next.Object.Metadata.Name);
    }

    // The stream ends (cleanly, or with a connection error) when the server goes away; nothing more arrives.
    private static async Task<List<WatchEvent<VirtualMachine>>> DrainAsync(ChannelReader<WatchEvent<VirtualMachine>> events)
    {
        var rest = new List<WatchEvent<VirtualMachine>>();
        using var timeout = new CancellationTokenSource(Wait.DefaultTimeout);
        try
        {
            await foreach (var item in events.ReadAllAsync(timeout.Token))
            {
                rest.Add(item);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The server closed the connection mid-stream: also an end the caller resumes from.
        }

        Assert.False(timeout.IsCancellationRequested, "the watch did not end when the server stopped");
        return rest;
    }
}
