using System.Text;

namespace VirtRigaud.Storage.Tests.Etcd;

/// <summary>What only the etcd backend has: several installs on one etcd, and several API servers on one install.</summary>
public sealed class EtcdStorageTests(EtcdStorageFixture etcd) : IClassFixture<EtcdStorageFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task TwoPrefixes_SameKey_AreIsolated()
    {
        await using var a = etcd.CreateStorage();
        await using var b = etcd.CreateStorage();
        var start = await a.GetCurrentRevisionAsync();
        using var cts = new CancellationTokenSource(Wait);
        await using var watchB = b.WatchAsync("/things/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token).GetAsyncEnumerator(cts.Token);

        await a.CreateAsync("/things/x", Bytes("from a"));
        var createdB = await b.CreateAsync("/things/x", Bytes("from b"));

        Assert.True(await watchB.MoveNextAsync());
        Assert.Equal(createdB.Revision, watchB.Current.Revision);
        Assert.Equal("/things/x", watchB.Current.Key);
        Assert.Equal("from b", Encoding.UTF8.GetString(watchB.Current.Value));
        Assert.Equal("from a", Encoding.UTF8.GetString((await a.GetAsync("/things/x"))!.Value));
        Assert.Single((await a.ListAsync("/", new ListOptions())).Items);
        Assert.Equal(1, await b.CountAsync("/things"));
    }

    [Fact]
    public async Task Compact_TwoServersOnOnePrefix_ShareTheCompactedRevision()
    {
        var prefix = EtcdStorageFixture.UniquePrefix();
        await using var first = etcd.CreateStorage(prefix);
        await using var second = etcd.CreateStorage(prefix);
        var created = await first.CreateAsync("/k/a", Bytes("1"));
        await first.GuaranteedUpdateAsync("/k/a", null, false, (_, _) => ValueTask.FromResult(Bytes("2")));
        var compactAt = await first.GetCurrentRevisionAsync();

        await first.CompactAsync(compactAt);
        await second.CompactAsync(created.Revision);

        Assert.Equal(compactAt, await second.GetCompactedRevisionAsync());
        Assert.Equal(compactAt, await first.GetCompactedRevisionAsync());

        // The coordination key lives outside every list range of the install.
        var all = await second.ListAsync("/", new ListOptions());
        Assert.Equal(["/k/a"], all.Items.Select(i => i.Key));
        var expired = await Assert.ThrowsAsync<StorageException>(
            () => second.ListAsync("/k/", new ListOptions { Revision = created.Revision, Match = RevisionMatch.Exact }));
        Assert.Equal(StorageErrorCode.ResourceExpired, expired.Code);
    }

    [Fact]
    public async Task Compact_FutureRevision_ThrowsTooLargeResourceVersion()
    {
        await using var store = etcd.CreateStorage();
        var current = await store.GetCurrentRevisionAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => store.CompactAsync(current + 100));

        Assert.Equal(StorageErrorCode.TooLargeResourceVersion, error.Code);
        Assert.Equal(0, await store.GetCompactedRevisionAsync());
    }
}
