using System.Text.Json.Nodes;
using System.Threading.Channels;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Tests.Testing;

namespace VirtRigaud.Client.Tests.Clients;

/// <summary>The raw watch against our real API server.</summary>
public sealed class WatchTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private VirtRigaudClient Client => fixture.Client;

    [Fact]
    public async Task WatchAsync_FromTheListsVersion_SeesAddedModifiedDeletedInOrder()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("watch"));
        var list = await vms.ListAsync();
        using var cancel = new CancellationTokenSource(Wait.DefaultTimeout);
        var events = Collect(vms.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }, cancel.Token));

        var created = await vms.CreateAsync(Objects.Vm("a"));
        await vms.PatchAsync("a", KubernetesPatch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"x":"1"}}}""")!));
        await vms.DeleteAsync("a");

        var seen = await TakeAsync(events, 3);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.All(seen, e => Assert.Equal(created.Metadata.Uid, e.Object.Metadata.Uid));
        Assert.Equal("1", seen[1].Object.Metadata.Label("x"));
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task WatchAsync_SendInitialEvents_ReplaysStateThenMarksTheEndWithABookmark()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("watchlist"));
        await vms.CreateAsync(Objects.Vm("a"));
        await vms.CreateAsync(Objects.Vm("b"));
        using var cancel = new CancellationTokenSource(Wait.DefaultTimeout);
        var options = new ListOptions
        {
            SendInitialEvents = true,
            ResourceVersionMatch = ResourceVersionMatchValues.NotOlderThan,
            AllowWatchBookmarks = true,
        };

        var events = Collect(vms.WatchAsync(options, cancel.Token));
        var initial = await TakeAsync(events, 3);

        Assert.Equal(["ADDED:a", "ADDED:b"], initial.Take(2).Select(e => $"{e.Type}:{e.Object.Metadata.Name}").Order());
        Assert.Equal(WatchEventType.Bookmark, initial[2].Type);
        Assert.Equal("true", initial[2].Object.Metadata.Annotation("k8s.io/initial-events-end"));
        Assert.False(string.IsNullOrEmpty(initial[2].Object.Metadata.ResourceVersion));
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task WatchAsync_LabelSelector_FiltersEvents()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("watchselect"));
        var list = await vms.ListAsync();
        using var cancel = new CancellationTokenSource(Wait.DefaultTimeout);
        var events = Collect(vms.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, LabelSelector = "watched=yes" }, cancel.Token));

        await vms.CreateAsync(Objects.Vm("ignored", labels: """{"watched":"no"}"""));
        await vms.CreateAsync(Objects.Vm("seen", labels: """{"watched":"yes"}"""));

        var first = Assert.Single(await TakeAsync(events, 1));
        Assert.Equal("seen", first.Object.Metadata.Name);
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task WatchAsync_TimeoutSeconds_EndsTheSequenceCleanly()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("watchtimeout"));
        var list = await vms.ListAsync();

        var count = 0;
        await foreach (var unused in vms.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion, TimeoutSeconds = 1 }, CancellationToken.None))
        {
            count++;
        }

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsPromptly()
    {
        var vms = Client.VirtualMachines(fixture.NewNamespace("watchcancel"));
        using var cancel = new CancellationTokenSource();
        var list = await vms.ListAsync();
        var watching = Task.Run(async () =>
        {
            await foreach (var unused in vms.WatchAsync(new ListOptions { ResourceVersion = list.Metadata.ResourceVersion }, cancel.Token))
            {
            }
        });

        await cancel.CancelAsync();

        Assert.Same(watching, await Task.WhenAny(watching, Task.Delay(Wait.DefaultTimeout)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    /// <summary>Runs the watch in the background, forwarding events (and the final error) into a channel.</summary>
    internal static ChannelReader<WatchEvent<T>> Collect<T>(IAsyncEnumerable<WatchEvent<T>> watch)
    {
        var channel = Channel.CreateUnbounded<WatchEvent<T>>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in watch)
                {
                    await channel.Writer.WriteAsync(item);
                }

                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        });
        return channel.Reader;
    }

    internal static async Task<List<WatchEvent<T>>> TakeAsync<T>(ChannelReader<WatchEvent<T>> events, int count)
    {
        using var timeout = new CancellationTokenSource(Wait.DefaultTimeout);
        var taken = new List<WatchEvent<T>>();
        while (taken.Count < count)
        {
            taken.Add(await events.ReadAsync(timeout.Token));
        }

        return taken;
    }
}
