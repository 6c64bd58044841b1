using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Etcd.Tests;

public sealed class WatchTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static ByteString B(string s) => ByteString.CopyFromUtf8(s);

    /// <summary>The next response that carries events (progress notifications are skipped).</summary>
    private static async Task<WatchResponse> NextEventsAsync(EtcdWatch watch)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (true)
        {
            var response = await watch.ReadAsync(cts.Token) ?? throw new InvalidOperationException("the watch ended");
            if (response.Events.Count > 0)
            {
                return response;
            }
        }
    }

    private static async Task<WatchResponse> NextProgressAsync(EtcdWatch watch)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (true)
        {
            var response = await watch.ReadAsync(cts.Token) ?? throw new InvalidOperationException("the watch ended");
            if (!response.Created && response.Events.Count == 0)
            {
                return response;
            }
        }
    }

    [Fact]
    public async Task Watch_SeveralWatchesOnOneStream_RouteEventsToTheirWatch()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        await using var a = client.Watch(new WatchCreateRequest { Key = B(p + "a") });
        await using var b = client.Watch(new WatchCreateRequest { Key = B(p + "b") });
        await using var all = client.Watch(new WatchCreateRequest { Key = B(p), RangeEnd = EtcdKeys.PrefixEnd(p), PrevKv = true });
        await Task.WhenAll(a.Created, b.Created, all.Created).WaitAsync(Wait);

        await client.PutAsync(p + "b", "b1");
        await client.PutAsync(p + "a", "a1");
        await client.PutAsync(p + "a", "a2");

        Assert.Equal("b1", Assert.Single((await NextEventsAsync(b)).Events).Kv.Value.ToStringUtf8());
        Assert.Equal("a1", Assert.Single((await NextEventsAsync(a)).Events).Kv.Value.ToStringUtf8());
        Assert.Equal("a2", Assert.Single((await NextEventsAsync(a)).Events).Kv.Value.ToStringUtf8());
        var seen = new List<Event>();
        while (seen.Count < 3)
        {
            seen.AddRange((await NextEventsAsync(all)).Events);
        }

        Assert.Equal(["b1", "a1", "a2"], seen.Select(e => e.Kv.Value.ToStringUtf8()));
        Assert.Equal("a1", seen[2].PrevKv.Value.ToStringUtf8());
        Assert.Equal((await a.Created).Header.ClusterId, (await b.Created).Header.ClusterId);
    }

    [Fact]
    public async Task Watch_FromStartRevision_ReplaysHistoryIncludingDeletes()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var put = await client.PutAsync(key, "one");
        await client.DeleteRangeAsync(new DeleteRangeRequest { Key = B(key) });

        await using var watch = client.Watch(new WatchCreateRequest { Key = B(key), StartRevision = put.Header.Revision, PrevKv = true });
        var events = new List<Event>();
        while (events.Count < 2)
        {
            events.AddRange((await NextEventsAsync(watch)).Events);
        }

        Assert.Equal(Event.Types.EventType.Put, events[0].Type);
        Assert.Equal(Event.Types.EventType.Delete, events[1].Type);
        Assert.Equal("one", events[1].PrevKv.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Watch_ProgressNotify_SendsEmptyResponsesWithCurrentRevision()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var put = await client.PutAsync(key, "v");
        await using var watch = client.Watch(new WatchCreateRequest { Key = B(key), ProgressNotify = true });

        var progress = await NextProgressAsync(watch);

        Assert.Empty(progress.Events);
        Assert.True(progress.Header.Revision >= put.Header.Revision);
        Assert.True(watch.NextRevision > put.Header.Revision);
    }

    [Fact]
    public async Task RequestWatchProgress_AnsweredOnEveryWatch()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        await using var a = client.Watch(new WatchCreateRequest { Key = B(p + "a") });
        await using var b = client.Watch(new WatchCreateRequest { Key = B(p + "b") });
        await Task.WhenAll(a.Created, b.Created).WaitAsync(Wait);
        var put = await client.PutAsync(p + "c", "unwatched");

        Assert.True(await client.RequestWatchProgressAsync());

        var progressA = await NextProgressAsync(a);
        var progressB = await NextProgressAsync(b);
        Assert.Equal(-1, progressA.WatchId);
        Assert.True(progressA.Header.Revision >= put.Header.Revision);
        Assert.Equal(progressA.Header.Revision, progressB.Header.Revision);
    }

    [Fact]
    public async Task Watch_CompactedStartRevision_ThrowsCompactedWithRevision()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var first = await client.PutAsync(key, "one");
        var second = await client.PutAsync(key, "two");
        await client.CompactAsync(new CompactionRequest { Revision = second.Header.Revision, Physical = true });

        await using var watch = client.Watch(new WatchCreateRequest { Key = B(key), StartRevision = first.Header.Revision });

        var error = await Assert.ThrowsAsync<EtcdCompactedException>(() => NextEventsAsync(watch));
        Assert.Equal(second.Header.Revision, error.CompactRevision);
    }

    [Fact]
    public async Task Watch_Disposed_EnumerationEndsAndOtherWatchesContinue()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        var cancelled = client.Watch(new WatchCreateRequest { Key = B(p + "a") });
        await using var kept = client.Watch(new WatchCreateRequest { Key = B(p + "a") });
        await Task.WhenAll(cancelled.Created, kept.Created).WaitAsync(Wait);

        await cancelled.DisposeAsync();
        await client.PutAsync(p + "a", "v");

        // What arrived before the cancellation may still be read; then the enumeration ends, without the new event.
        using var cts = new CancellationTokenSource(Wait);
        var leftOver = new List<WatchResponse>();
        while (await cancelled.ReadAsync(cts.Token) is { } response)
        {
            leftOver.Add(response);
        }

        Assert.All(leftOver, r => Assert.Empty(r.Events));
        Assert.Equal("v", (await NextEventsAsync(kept)).Events[0].Kv.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Watch_ServerRestarted_ResumesAfterLastSeenRevision()
    {
        await using var client = etcd.CreateClient(o => o with { ReconnectBackoff = TimeSpan.FromMilliseconds(50) });
        var key = EtcdFixture.UniquePrefix() + "k";
        await using var watch = client.Watch(new WatchCreateRequest { Key = B(key) });
        await watch.Created.WaitAsync(Wait);
        await client.PutAsync(key, "before");
        Assert.Equal("before", (await NextEventsAsync(watch)).Events[0].Kv.Value.ToStringUtf8());

        await etcd.Server.StopAsync();
        await etcd.Server.StartAgainAsync();
        await using (var writer = etcd.CreateClient())
        {
            await writer.PutAsync(key, "while-reconnecting");
            await writer.PutAsync(key, "after");
        }

        var values = new List<string>();
        while (values.Count < 2)
        {
            values.AddRange((await NextEventsAsync(watch)).Events.Select(e => e.Kv.Value.ToStringUtf8()));
        }

        Assert.Equal(["while-reconnecting", "after"], values);
    }
}
