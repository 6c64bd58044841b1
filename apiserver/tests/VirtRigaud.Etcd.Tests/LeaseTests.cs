using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd.Tests;

public sealed class LeaseTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static ByteString B(string s) => ByteString.CopyFromUtf8(s);

    [Fact]
    public async Task LeaseExpiry_DeletesAttachedKey()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = 1 });
        await using var watch = client.Watch(new WatchCreateRequest { Key = B(key) });
        await watch.Created.WaitAsync(Wait);

        await client.PutAsync(new PutRequest { Key = B(key), Value = B("v"), Lease = lease.ID });

        using var cts = new CancellationTokenSource(Wait);
        var types = new List<Event.Types.EventType>();
        await foreach (var response in watch.WithCancellation(cts.Token))
        {
            types.AddRange(response.Events.Select(e => e.Type));
            if (types.Count >= 2)
            {
                break;
            }
        }

        Assert.Equal([Event.Types.EventType.Put, Event.Types.EventType.Delete], types);
        Assert.Equal(-1, (await client.LeaseTimeToLiveAsync(lease.ID)).TTL);
    }

    [Fact]
    public async Task KeepAlive_RenewsAndTimeToLiveListsKeys()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = 30 });
        await client.PutAsync(new PutRequest { Key = B(key), Value = B("v"), Lease = lease.ID });

        var once = await client.LeaseKeepAliveOnceAsync(lease.ID);
        using var cts = new CancellationTokenSource(Wait);
        var streamed = new List<LeaseKeepAliveResponse>();
        await foreach (var response in client.KeepAliveAsync(lease.ID, cts.Token))
        {
            streamed.Add(response);
            break;
        }

        var ttl = await client.LeaseTimeToLiveAsync(lease.ID, keys: true);
        Assert.Equal(lease.ID, once.ID);
        Assert.Equal(30, once.TTL);
        Assert.Equal(30, Assert.Single(streamed).TTL);
        Assert.Equal(30, ttl.GrantedTTL);
        Assert.Equal(key, Assert.Single(ttl.Keys).ToStringUtf8());
    }

    [Fact]
    public async Task KeepAlive_ShortLease_OutlivesItsTtl()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = 2 });
        await client.PutAsync(new PutRequest { Key = B(key), Value = B("v"), Lease = lease.ID });

        // Each answer comes a third of the TTL after the previous one: five answers span more than one TTL. (A 1 s
        // lease is too tight on a loaded machine: etcd may expire it between two keep-alives a third of a second apart.)
        using var cts = new CancellationTokenSource(Wait);
        var answers = 0;
        await foreach (var response in client.KeepAliveAsync(lease.ID, cts.Token))
        {
            if (++answers == 5)
            {
                break;
            }
        }

        Assert.Equal(1, (await client.GetAsync(key)).Count);
    }

    [Fact]
    public async Task Revoke_DeletesKeysAndKeepAliveReportsNotFound()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var lease = await client.LeaseGrantAsync(new LeaseGrantRequest { TTL = 30 });
        await client.PutAsync(new PutRequest { Key = B(key), Value = B("v"), Lease = lease.ID });

        await client.LeaseRevokeAsync(lease.ID);

        Assert.Equal(0, (await client.GetAsync(key)).Count);
        var error = await Assert.ThrowsAsync<EtcdException>(() => client.LeaseKeepAliveOnceAsync(lease.ID));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
