using System.Diagnostics;
using System.Globalization;
using System.Text;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Storage.Tests.Sqlite;

/// <summary>Behaviour of the SQLite backend beyond the conformance suite: persistence, crash safety, locking, watch buffering.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("store.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_AfterDisposeAndCompaction_KeepsDataAndRevisionsKeepIncreasing()
    {
        long last;
        await using (var storage = await OpenAsync())
        {
            await storage.CreateAsync("/r/a", Bytes("a"));
            await storage.CreateAsync("/r/b", Bytes("b"));
            await storage.GuaranteedUpdateAsync("/r/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a2")));

            // The newest row is a tombstone; compaction deletes it, so max(id) falls behind the revision counter.
            last = (await storage.DeleteAsync("/r/b")).Revision;
            await storage.CompactAsync(last);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(last, await reopened.GetCurrentRevisionAsync());
        Assert.Equal(last, await reopened.GetCompactedRevisionAsync());
        Assert.Equal("a2", Text((await reopened.GetAsync("/r/a"))!.Value));
        Assert.Null(await reopened.GetAsync("/r/b", new GetOptions(IgnoreNotFound: true)));
        var next = await reopened.CreateAsync("/r/b", Bytes("b2"));
        Assert.Equal(last + 1, next.Revision);
        Assert.Equal(next.Revision, next.CreateRevision);
    }

    [Fact]
    public async Task OpenAsync_DatabaseAlreadyOpen_ThrowsUnavailable()
    {
        await using var first = await OpenAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => OpenAsync());

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public async Task CreateAsync_KilledWriterProcess_EveryAcknowledgedWriteSurvives()
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "VirtRigaud.Storage.CrashWriter.dll");
        Assert.True(File.Exists(writer), $"{writer} is missing: it is built by the project reference to VirtRigaud.Storage.CrashWriter");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(DatabasePath);
        var acknowledged = new List<(string Key, long Revision)>();

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                using var timeout = new CancellationTokenSource(Eventually.Timeout);
                while (acknowledged.Count < 300)
                {
                    var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                        ?? throw new InvalidOperationException($"the writer exited early: {await errors}");
                    if (line == "ready")
                    {
                        // While it runs, the writer holds the database's lock file.
                        var locked = await Assert.ThrowsAsync<StorageException>(() => OpenAsync());
                        Assert.Equal(StorageErrorCode.Unavailable, locked.Code);
                    }

                    AddIfAcknowledged(acknowledged, line);
                }
            }
            finally
            {
                process.Kill(); // SIGKILL: no finally blocks, no dispose, no checkpoint.
            }

            // Everything printed before the kill was acknowledged too; a line cut short does not parse.
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                AddIfAcknowledged(acknowledged, line);
            }

            await process.WaitForExitAsync();
            Assert.Equal(137, process.ExitCode);
        }

        await using var storage = await OpenAsync();
        Assert.Equal("ok", await storage.CheckIntegrityAsync(CancellationToken.None));
        foreach (var (key, revision) in acknowledged)
        {
            var item = await storage.GetAsync(key, new GetOptions(IgnoreNotFound: true));
            Assert.True(item is not null, $"acknowledged write of {key} at revision {revision} was lost");
            Assert.Equal(revision, item.Revision);
        }

        var current = await storage.GetCurrentRevisionAsync();
        Assert.True(current >= acknowledged[^1].Revision);
        Assert.Equal(current + 1, (await storage.CreateAsync("/after/crash", Bytes("x"))).Revision);
    }

    [Fact]
    public async Task CreateAsync_ManyConcurrentWriters_DistinctRevisionsAllWatchedInOrder()
    {
        await using var storage = await OpenAsync();
        var start = (await storage.CreateAsync("/seed", Bytes("s"))).Revision;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        await using var watch = storage.WatchAsync("/c/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token).GetAsyncEnumerator(cts.Token);

        var revisions = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
            (await storage.CreateAsync($"/c/k{i:D3}", Bytes($"{i}"))).Revision)));

        Assert.Equal(400, revisions.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 400).Select(i => start + i), revisions.Order());
        var seen = new List<long>();
        while (seen.Count < 400 && await watch.MoveNextAsync())
        {
            seen.Add(watch.Current.Revision);
        }

        Assert.Equal(revisions.Order(), seen);
    }

    [Fact]
    public async Task WatchAsync_SlowWatcher_DoesNotBlockWritersAndCatchesUpFromTable()
    {
        await using var storage = await OpenAsync(new SqliteStorageOptions { WatchBufferSize = 4, WatchReplayBatchSize = 7 });
        var seed = await storage.CreateAsync("/seed", Bytes("s")); // a start revision that is not 0 ("from now")
        var start = (await storage.CreateAsync("/w/first", Bytes("0"))).Revision;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        await using var watch = storage.WatchAsync("/w/", new WatchOptions { StartRevision = seed.Revision, Recursive = true }, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync()); // live now, with a buffer of 4 and nobody reading it

        var written = new List<long> { start };
        for (var i = 0; i < 100; i++)
        {
            written.Add((await storage.CreateAsync($"/w/k{i:D3}", Bytes($"{i}"))).Revision);
        }

        var seen = new List<long> { watch.Current.Revision };
        while (seen.Count < written.Count && await watch.MoveNextAsync())
        {
            seen.Add(watch.Current.Revision);
        }

        Assert.Equal(written, seen);
        var live = await storage.CreateAsync("/w/live", Bytes("l"));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(live.Revision, watch.Current.Revision);
    }

    [Fact]
    public async Task WatchAsync_SlowWatcherOvertakenByCompaction_ThrowsResourceExpired()
    {
        await using var storage = await OpenAsync(new SqliteStorageOptions { WatchBufferSize = 4 });
        var seed = await storage.CreateAsync("/seed", Bytes("s")); // a start revision that is not 0 ("from now")
        var start = (await storage.CreateAsync("/w/first", Bytes("0"))).Revision;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        await using var watch = storage.WatchAsync("/w/", new WatchOptions { StartRevision = seed.Revision, Recursive = true }, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await watch.MoveNextAsync());
        for (var i = 0; i < 20; i++)
        {
            await storage.GuaranteedUpdateAsync("/w/hot", null, true, (_, _) => ValueTask.FromResult(Bytes($"{i}")));
        }

        await storage.CompactAsync(await storage.GetCurrentRevisionAsync());

        var error = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
            }
        });
        Assert.Equal(StorageErrorCode.ResourceExpired, error.Code);
    }

    [Fact]
    public async Task WatchAsync_ProgressNotifyWhenIdle_SendsProgressWithCurrentRevision()
    {
        var time = new ManualTimeProvider();
        await using var storage = await OpenAsync(new SqliteStorageOptions { ProgressInterval = TimeSpan.FromSeconds(5) }, time);
        var unrelated = await storage.CreateAsync("/elsewhere", Bytes("x"));
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        await using var watch = storage.WatchAsync("/w/", new WatchOptions { StartRevision = unrelated.Revision, Recursive = true, ProgressNotify = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var first = watch.MoveNextAsync();
        await Eventually.WaitAsync(() => time.ArmedTimers > 0, "the watch waits for the progress interval");
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await first);
        Assert.Equal(StorageEventType.Progress, watch.Current.Type);
        Assert.Equal(unrelated.Revision, watch.Current.Revision);
        var created = await storage.CreateAsync("/w/a", Bytes("a"));
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal((StorageEventType.Added, created.Revision), (watch.Current.Type, watch.Current.Revision));
    }

    [Fact]
    public async Task WatchAsync_StoreDisposed_EndsEnumeration()
    {
        var storage = await OpenAsync();
        var start = (await storage.CreateAsync("/w/a", Bytes("a"))).Revision;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        await using var watch = storage.WatchAsync("/w/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token).GetAsyncEnumerator(cts.Token);
        var next = watch.MoveNextAsync();

        await storage.DisposeAsync();

        Assert.False(await next);
    }

    [Fact]
    public async Task CreateAsync_EmptyValue_RoundTrips()
    {
        await using var storage = await OpenAsync();

        var created = await storage.CreateAsync("/e/empty", []);

        Assert.Empty((await storage.GetAsync("/e/empty"))!.Value);
        Assert.Empty(Assert.Single((await storage.ListAsync("/e/", new ListOptions())).Items).Value);
        var deleted = await storage.DeleteAsync("/e/empty");
        Assert.Empty(deleted.Value);
        Assert.True(deleted.Revision > created.Revision);
    }

    [Fact]
    public async Task StorageOptionsPrefix_KeysStoredBelowPrefixAndReturnedWithout()
    {
        await using (var tenantA = await OpenAsync(storageOptions: new StorageOptions { Prefix = "/tenant-a" }))
        {
            await tenantA.CreateAsync("/x/one", Bytes("a"));
            Assert.Equal("/x/one", Assert.Single((await tenantA.ListAsync("/x/", new ListOptions())).Items).Key);
        }

        await using var tenantB = await OpenAsync(storageOptions: new StorageOptions { Prefix = "/tenant-b/" });

        Assert.Empty((await tenantB.ListAsync("/x/", new ListOptions())).Items);
        Assert.Equal(0, await tenantB.CountAsync("/"));
    }

    private static void AddIfAcknowledged(List<(string Key, long Revision)> acknowledged, string line)
    {
        var parts = line.Split(' ');
        if (parts is ["ack", var key, var revision, "end"])
        {
            acknowledged.Add((key, long.Parse(revision, CultureInfo.InvariantCulture)));
        }
    }

    private Task<SqliteStorage> OpenAsync(SqliteStorageOptions? options = null, TimeProvider? time = null, StorageOptions? storageOptions = null) =>
        SqliteStorage.OpenAsync(DatabasePath, storageOptions ?? new StorageOptions(), options ?? new SqliteStorageOptions(), time);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
