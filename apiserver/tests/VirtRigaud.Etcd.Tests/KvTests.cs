using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;
using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd.Tests;

public sealed class KvTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static ByteString B(string s) => ByteString.CopyFromUtf8(s);

    [Fact]
    public async Task Range_Prefix_ReturnsKeysInOrderWithCountAndLimit()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        foreach (var name in new[] { "c", "a", "b" })
        {
            await client.PutAsync(p + name, name);
        }

        var all = await client.GetPrefixAsync(p);
        var page = await client.RangeAsync(new RangeRequest { Key = B(p), RangeEnd = EtcdKeys.PrefixEnd(p), Limit = 2 });
        var count = await client.RangeAsync(new RangeRequest { Key = B(p), RangeEnd = EtcdKeys.PrefixEnd(p), CountOnly = true });
        var keysOnly = await client.RangeAsync(new RangeRequest { Key = B(p), RangeEnd = EtcdKeys.PrefixEnd(p), KeysOnly = true });
        var descending = await client.RangeAsync(new RangeRequest
        {
            Key = B(p),
            RangeEnd = EtcdKeys.PrefixEnd(p),
            SortOrder = RangeRequest.Types.SortOrder.Descend,
            SortTarget = RangeRequest.Types.SortTarget.Key,
        });

        Assert.Equal([p + "a", p + "b", p + "c"], all.Kvs.Select(kv => kv.Key.ToStringUtf8()));
        Assert.Equal(3, all.Count);
        Assert.Equal(2, page.Kvs.Count);
        Assert.True(page.More);
        Assert.Equal(3, page.Count);
        Assert.Empty(count.Kvs);
        Assert.Equal(3, count.Count);
        Assert.All(keysOnly.Kvs, kv => Assert.True(kv.Value.IsEmpty));
        Assert.Equal([p + "c", p + "b", p + "a"], descending.Kvs.Select(kv => kv.Key.ToStringUtf8()));
    }

    [Fact]
    public async Task Range_AtOldRevision_ReturnsOldValue()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var first = await client.PutAsync(key, "one");
        await client.PutAsync(key, "two");

        var old = await client.RangeAsync(new RangeRequest { Key = B(key), Revision = first.Header.Revision });

        Assert.Equal("one", Assert.Single(old.Kvs).Value.ToStringUtf8());
    }

    [Fact]
    public async Task Range_FutureRevision_ThrowsFutureRevision()
    {
        await using var client = etcd.CreateClient();
        var status = await client.StatusAsync();

        await Assert.ThrowsAsync<EtcdFutureRevisionException>(
            () => client.RangeAsync(new RangeRequest { Key = B("/x"), Revision = status.Header.Revision + 1000 }));
    }

    [Fact]
    public async Task Put_PrevKv_ReturnsPreviousValue()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var first = await client.PutAsync(key, "one");

        var second = await client.PutAsync(new PutRequest { Key = B(key), Value = B("two"), PrevKv = true });

        Assert.Equal("one", second.PrevKv.Value.ToStringUtf8());
        Assert.Equal(first.Header.Revision, second.PrevKv.ModRevision);
        Assert.True(second.Header.Revision > first.Header.Revision);
    }

    [Fact]
    public async Task DeleteRange_PrefixWithPrevKv_DeletesAndReturnsValues()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        await client.PutAsync(p + "a", "1");
        await client.PutAsync(p + "b", "2");
        await client.PutAsync(p.TrimEnd('/') + "0", "outside");

        var deleted = await client.DeleteRangeAsync(new DeleteRangeRequest { Key = B(p), RangeEnd = EtcdKeys.PrefixEnd(p), PrevKv = true });

        Assert.Equal(2, deleted.Deleted);
        Assert.Equal(["1", "2"], deleted.PrevKvs.Select(kv => kv.Value.ToStringUtf8()).Order());
        Assert.Equal(0, (await client.GetPrefixAsync(p)).Count);
        Assert.Equal(1, (await client.GetAsync(p.TrimEnd('/') + "0")).Count);
    }

    [Fact]
    public async Task Txn_CreateIfAbsent_SucceedsOnceThenRunsElseBranch()
    {
        await using var client = etcd.CreateClient();
        var key = B(EtcdFixture.UniquePrefix() + "k");
        TxnRequest CreateIfAbsent(string value) => new()
        {
            Compare = { EtcdCompare.Absent(key) },
            Success = { EtcdOp.Put(key, B(value)) },
            Failure = { EtcdOp.Get(key) },
        };

        var first = await client.TxnAsync(CreateIfAbsent("one"));
        var second = await client.TxnAsync(CreateIfAbsent("two"));

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        var current = Assert.Single(second.Responses).ResponseRange;
        Assert.Equal("one", Assert.Single(current.Kvs).Value.ToStringUtf8());
        Assert.Equal(first.Header.Revision, current.Kvs[0].ModRevision);
    }

    [Fact]
    public async Task Txn_CompareModRevisionVersionAndValue_WithNestedTxn()
    {
        await using var client = etcd.CreateClient();
        var p = EtcdFixture.UniquePrefix();
        var key = B(p + "k");
        var put = await client.PutAsync(p + "k", "v1");
        var equal = Compare.Types.CompareResult.Equal;

        var stale = await client.TxnAsync(new TxnRequest
        {
            Compare = { EtcdCompare.ModRevision(key, equal, put.Header.Revision - 1) },
            Success = { EtcdOp.Put(key, B("lost")) },
        });
        var matching = await client.TxnAsync(new TxnRequest
        {
            Compare =
            {
                EtcdCompare.ModRevision(key, equal, put.Header.Revision),
                EtcdCompare.Version(key, equal, 1),
                EtcdCompare.Value(key, equal, B("v1")),
                EtcdCompare.CreateRevision(key, Compare.Types.CompareResult.Greater, 0),
            },
            Success =
            {
                EtcdOp.Put(key, B("v2")),
                EtcdOp.Txn(new TxnRequest
                {
                    Compare = { EtcdCompare.Absent(B(p + "other")) },
                    Success = { EtcdOp.Put(B(p + "other"), B("nested")), EtcdOp.Get(key) },
                }),
            },
        });

        Assert.False(stale.Succeeded);
        Assert.True(matching.Succeeded);
        var nested = matching.Responses[1].ResponseTxn;
        Assert.True(nested.Succeeded);
        Assert.Equal("v2", nested.Responses[1].ResponseRange.Kvs[0].Value.ToStringUtf8());
        Assert.Equal(["v2", "nested"], (await client.GetPrefixAsync(p)).Kvs.Select(kv => kv.Value.ToStringUtf8()));
    }

    [Fact]
    public async Task Compact_OldRevision_RangeThrowsCompactedAndRecompactingThrows()
    {
        await using var client = etcd.CreateClient();
        var key = EtcdFixture.UniquePrefix() + "k";
        var first = await client.PutAsync(key, "one");
        var second = await client.PutAsync(key, "two");

        await client.CompactAsync(new CompactionRequest { Revision = second.Header.Revision, Physical = true });

        await Assert.ThrowsAsync<EtcdCompactedException>(() => client.RangeAsync(new RangeRequest { Key = B(key), Revision = first.Header.Revision }));
        var atCompacted = await client.RangeAsync(new RangeRequest { Key = B(key), Revision = second.Header.Revision });
        Assert.Equal("two", Assert.Single(atCompacted.Kvs).Value.ToStringUtf8());
        await Assert.ThrowsAsync<EtcdCompactedException>(() => client.CompactAsync(new CompactionRequest { Revision = first.Header.Revision }));
    }

    [Fact]
    public async Task Status_ReportsVersion()
    {
        await using var client = etcd.CreateClient();

        var status = await client.StatusAsync();

        Assert.StartsWith("3.4.", status.Version, StringComparison.Ordinal);
        Assert.True(status.Header.Revision > 0);
    }

    [Fact]
    public async Task Range_DeadlinePassed_ThrowsDeadlineExceeded()
    {
        await using var client = etcd.CreateClient();

        var error = await Assert.ThrowsAsync<EtcdException>(
            () => client.RangeAsync(new RangeRequest { Key = B("/x") }, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Range_CancelledToken_ThrowsOperationCanceled()
    {
        await using var client = etcd.CreateClient();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RangeAsync(new RangeRequest { Key = B("/x") }, null, cts.Token));
    }
}
