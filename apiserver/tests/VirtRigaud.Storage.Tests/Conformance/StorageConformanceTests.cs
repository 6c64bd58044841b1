using System.Globalization;
using System.Text;

namespace VirtRigaud.Storage.Tests.Conformance;

/// <summary>
/// The behaviour every <see cref="IStorage"/> backend must show (Orleans style: derive once per backend and implement
/// <see cref="CreateStorageAsync"/>). The semantics are those of k8s.io/apiserver's <c>storage.Interface</c> over etcd3.
/// </summary>
/// <remarks>
/// <para>
/// Contract for derived classes: <see cref="CreateStorageAsync"/> returns a store that looks empty to the test (a fresh
/// database, or a fresh <see cref="StorageOptions.Prefix"/> on a shared server) and uses the default
/// <see cref="StorageOptions.MaxValueBytes"/>. Revisions need not start at 1; the tests only compare them. The base
/// class disposes the store after each test. Tests may compact the store; on a shared server compaction is global, so
/// run each derived class against its own server or make sure nothing else relies on old revisions meanwhile.
/// </para>
/// <para>Keys used by the tests all live below <c>/conformance/</c>.</para>
/// </remarks>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    /// <summary>How long a test waits for one awaited watch event or condition before it fails.</summary>
    protected static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private IStorage? _storage;

    /// <summary>The store under test, created before each test.</summary>
    protected IStorage Storage => _storage ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    /// <summary>Creates the empty store a test runs against (see the class remarks for the contract).</summary>
    protected abstract Task<IStorage> CreateStorageAsync();

    public virtual async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
            _storage = null;
        }
    }

    // ---------------------------------------------------------------- get / create

    [Fact]
    public async Task Get_MissingKey_ThrowsKeyNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetAsync("/conformance/missing"));

        Assert.Equal(StorageErrorCode.KeyNotFound, error.Code);
        Assert.Equal("/conformance/missing", error.Key);
    }

    [Fact]
    public async Task Get_MissingKeyIgnoreNotFound_ReturnsNull()
    {
        Assert.Null(await Storage.GetAsync("/conformance/missing", new GetOptions(IgnoreNotFound: true)));
    }

    [Fact]
    public async Task Create_NewKey_GetReturnsValueAndRevisions()
    {
        var before = await Storage.GetCurrentRevisionAsync();

        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        var read = await Storage.GetAsync("/conformance/a");

        Assert.Equal("/conformance/a", created.Key);
        Assert.True(created.Revision > before);
        Assert.Equal(created.Revision, created.CreateRevision);
        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
        Assert.NotNull(read);
        Assert.Equal("/conformance/a", read.Key);
        Assert.Equal("one", Text(read.Value));
        Assert.Equal(created.Revision, read.Revision);
        Assert.Equal(created.CreateRevision, read.CreateRevision);
    }

    [Fact]
    public async Task Create_ExistingKey_ThrowsKeyExistsAndKeepsValue()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.CreateAsync("/conformance/a", Bytes("two")));

        Assert.Equal(StorageErrorCode.KeyExists, error.Code);
        var read = await Storage.GetAsync("/conformance/a");
        Assert.Equal("one", Text(read!.Value));
        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Create_ManyKeys_RevisionsStrictlyIncreasingAcrossKeys()
    {
        var previous = await Storage.GetCurrentRevisionAsync();
        for (var i = 0; i < 20; i++)
        {
            var item = i % 3 == 2
                ? await Storage.GuaranteedUpdateAsync($"/conformance/k{i - 1}", null, false, (_, _) => ValueTask.FromResult(Bytes($"u{i}")))
                : await Storage.CreateAsync($"/conformance/k{i}", Bytes($"v{i}"));

            Assert.True(item.Revision > previous, $"write {i}: revision {item.Revision} is not after {previous}");
            previous = item.Revision;
        }

        Assert.Equal(previous, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Get_MinimumRevision_ReadsWhenReachedAndRefusesFuture()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));

        var read = await Storage.GetAsync("/conformance/a", new GetOptions(MinimumRevision: created.Revision));
        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.GetAsync("/conformance/a", new GetOptions(MinimumRevision: created.Revision + 100)));

        Assert.Equal(created.Revision, read!.Revision);
        Assert.Equal(StorageErrorCode.TooLargeResourceVersion, error.Code);
    }

    [Fact]
    public async Task Create_ValueAboveMaxValueBytes_ThrowsRequestTooLarge()
    {
        var tooLarge = new byte[new StorageOptions().MaxValueBytes + 1];
        var before = await Storage.GetCurrentRevisionAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.CreateAsync("/conformance/big", tooLarge));

        Assert.Equal(StorageErrorCode.RequestTooLarge, error.Code);
        Assert.Equal(before, await Storage.GetCurrentRevisionAsync());
        Assert.Null(await Storage.GetAsync("/conformance/big", new GetOptions(IgnoreNotFound: true)));
    }

    [Fact]
    public async Task GuaranteedUpdate_ValueAboveMaxValueBytes_ThrowsRequestTooLarge()
    {
        await Storage.CreateAsync("/conformance/a", Bytes("one"));
        var tooLarge = new byte[new StorageOptions().MaxValueBytes + 1];

        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(tooLarge)));

        Assert.Equal(StorageErrorCode.RequestTooLarge, error.Code);
        Assert.Equal("one", Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    [Fact]
    public async Task LargeValue_OneMebibyte_RoundTripsThroughGetListAndWatch()
    {
        var value = new byte[1024 * 1024];
        new Random(42).NextBytes(value);
        var start = await SeedAsync();
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/big/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var created = await Storage.CreateAsync("/conformance/big/one", value);

        Assert.Equal(value, (await Storage.GetAsync("/conformance/big/one"))!.Value);
        var list = await Storage.ListAsync("/conformance/big/", new ListOptions());
        Assert.Equal(value, Assert.Single(list.Items).Value);
        var added = Assert.Single(await TakeAsync(watch, 1));
        Assert.Equal(StorageEventType.Added, added.Type);
        Assert.Equal(created.Revision, added.Revision);
        Assert.Equal(value, added.Value);
    }

    // ---------------------------------------------------------------- guaranteed update

    [Fact]
    public async Task GuaranteedUpdate_ConcurrentIncrements_NoLostUpdate()
    {
        const int Tasks = 32;
        const int Increments = 5;
        await Storage.CreateAsync("/conformance/counter", Bytes("0"));

        var workers = Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                await Storage.GuaranteedUpdateAsync("/conformance/counter", null, false, (current, _) =>
                    ValueTask.FromResult(Bytes((int.Parse(Text(current!.Value), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture))));
            }
        }));
        await Task.WhenAll(workers);

        var final = await Storage.GetAsync("/conformance/counter");
        Assert.Equal((Tasks * Increments).ToString(CultureInfo.InvariantCulture), Text(final!.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_MissingKey_ThrowsKeyNotFoundWithoutCallingUpdate()
    {
        var called = false;

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GuaranteedUpdateAsync("/conformance/missing", null, false, (_, _) =>
        {
            called = true;
            return ValueTask.FromResult(Bytes("x"));
        }));

        Assert.Equal(StorageErrorCode.KeyNotFound, error.Code);
        Assert.False(called);
    }

    [Fact]
    public async Task GuaranteedUpdate_MissingKeyIgnoreNotFound_CreatesFromNull()
    {
        StorageItem? seen = new("sentinel", [], 0, 0);

        var created = await Storage.GuaranteedUpdateAsync("/conformance/new", null, true, (current, _) =>
        {
            seen = current;
            return ValueTask.FromResult(Bytes("fresh"));
        });

        Assert.Null(seen);
        Assert.Equal(created.Revision, created.CreateRevision);
        Assert.Equal("fresh", Text((await Storage.GetAsync("/conformance/new"))!.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_ExistingKey_WritesNewRevisionKeepingCreateRevision()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));

        var updated = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (current, _) =>
            ValueTask.FromResult(Bytes(Text(current!.Value) + "+two")));

        Assert.True(updated.Revision > created.Revision);
        Assert.Equal(created.Revision, updated.CreateRevision);
        Assert.Equal("one+two", Text(updated.Value));
        Assert.Equal(updated.Revision, (await Storage.GetAsync("/conformance/a"))!.Revision);
    }

    [Fact]
    public async Task GuaranteedUpdate_UidPreconditionMismatch_ThrowsConflict()
    {
        await Storage.CreateAsync("/conformance/a", Object("uid-1", "one"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GuaranteedUpdateAsync(
            "/conformance/a", new Preconditions(Uid: "uid-2"), false, (_, _) => ValueTask.FromResult(Object("uid-1", "two"))));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal(Text(Object("uid-1", "one")), Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_ResourceVersionPreconditionMismatch_ThrowsConflict()
    {
        var created = await Storage.CreateAsync("/conformance/a", Object("uid-1", "one"));
        await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(Object("uid-1", "two")));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GuaranteedUpdateAsync(
            "/conformance/a", new Preconditions(ResourceVersion: created.Revision), false, (_, _) => ValueTask.FromResult(Object("uid-1", "three"))));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal(Text(Object("uid-1", "two")), Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_MatchingPreconditions_Writes()
    {
        var created = await Storage.CreateAsync("/conformance/a", Object("uid-1", "one"));

        var updated = await Storage.GuaranteedUpdateAsync(
            "/conformance/a", new Preconditions("uid-1", created.Revision), false, (_, _) => ValueTask.FromResult(Object("uid-1", "two")));

        Assert.Equal(Text(Object("uid-1", "two")), Text(updated.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_SameBytes_DoesNotBumpRevision()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("same"));

        var result = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (current, _) => ValueTask.FromResult(current!.Value.ToArray()));

        Assert.Equal(created.Revision, result.Revision);
        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task GuaranteedUpdate_StaleCachedExisting_RetriesWithFreshRead()
    {
        var stale = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        var fresh = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(Bytes("two")));
        var seen = new List<long>();

        var result = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (current, _) =>
        {
            seen.Add(current!.Revision);
            return ValueTask.FromResult(Bytes(Text(current.Value) + "+three"));
        }, cachedExisting: stale);

        Assert.Equal(fresh.Revision, seen[^1]);
        Assert.All(seen, revision => Assert.Contains(revision, new[] { stale.Revision, fresh.Revision }));
        Assert.Equal("two+three", Text(result.Value));
        Assert.Equal("two+three", Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    [Fact]
    public async Task GuaranteedUpdate_StaleCachedExistingNoOp_ReturnsFreshState()
    {
        var stale = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        var fresh = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(Bytes("two")));

        // An update that changes nothing relative to a stale copy must not return the stale copy as if it were current.
        var result = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (current, _) => ValueTask.FromResult(current!.Value.ToArray()), stale);

        Assert.Equal(fresh.Revision, result.Revision);
        Assert.Equal("two", Text(result.Value));
        Assert.Equal(fresh.Revision, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task GuaranteedUpdate_TryUpdateThrows_PropagatesAndWritesNothing()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.GuaranteedUpdateAsync(
            "/conformance/a", null, false, (_, _) => throw new InvalidOperationException("refused")));

        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
        Assert.Equal("one", Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    // ---------------------------------------------------------------- delete

    [Fact]
    public async Task Delete_ExistingKey_ReturnsLastValueWithDeletionRevision()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));

        var deleted = await Storage.DeleteAsync("/conformance/a");

        Assert.Equal("one", Text(deleted.Value));
        Assert.True(deleted.Revision > created.Revision);
        Assert.Equal(created.CreateRevision, deleted.CreateRevision);
        Assert.Equal(deleted.Revision, await Storage.GetCurrentRevisionAsync());
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetAsync("/conformance/a"));
        Assert.Equal(StorageErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task Delete_MissingKey_ThrowsKeyNotFound()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync("/conformance/missing"));

        Assert.Equal(StorageErrorCode.KeyNotFound, error.Code);
    }

    [Fact]
    public async Task Delete_PreconditionMismatch_ThrowsConflictAndKeepsKey()
    {
        var created = await Storage.CreateAsync("/conformance/a", Object("uid-1", "one"));

        var uid = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync("/conformance/a", new Preconditions(Uid: "uid-2")));
        var rv = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync("/conformance/a", new Preconditions(ResourceVersion: created.Revision + 1)));

        Assert.Equal(StorageErrorCode.Conflict, uid.Code);
        Assert.Equal(StorageErrorCode.Conflict, rv.Code);
        Assert.NotNull(await Storage.GetAsync("/conformance/a"));
        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Delete_MatchingPreconditions_Deletes()
    {
        var created = await Storage.CreateAsync("/conformance/a", Object("uid-1", "one"));

        var deleted = await Storage.DeleteAsync("/conformance/a", new Preconditions("uid-1", created.Revision));

        Assert.True(deleted.Revision > created.Revision);
        Assert.Null(await Storage.GetAsync("/conformance/a", new GetOptions(IgnoreNotFound: true)));
    }

    [Fact]
    public async Task Delete_StaleCachedExistingWithItsResourceVersion_ThrowsConflict()
    {
        var stale = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(Bytes("two")));

        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.DeleteAsync("/conformance/a", new Preconditions(ResourceVersion: stale.Revision), cachedExisting: stale));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal("two", Text((await Storage.GetAsync("/conformance/a"))!.Value));
    }

    [Fact]
    public async Task Delete_ValidateDeletionThrows_PropagatesAndKeepsKey()
    {
        var created = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        StorageItem? validated = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Storage.DeleteAsync("/conformance/a", validateDeletion: (current, _) =>
        {
            validated = current;
            throw new InvalidOperationException("has finalizers");
        }));

        Assert.Equal(created.Revision, validated!.Revision);
        Assert.Equal("one", Text(validated.Value));
        Assert.NotNull(await Storage.GetAsync("/conformance/a"));
        Assert.Equal(created.Revision, await Storage.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Delete_ValidateDeletionSeesFreshStateAfterStaleCache()
    {
        var stale = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        var fresh = await Storage.GuaranteedUpdateAsync("/conformance/a", null, false, (_, _) => ValueTask.FromResult(Bytes("two")));
        var seen = new List<long>();

        var deleted = await Storage.DeleteAsync("/conformance/a", validateDeletion: (current, _) =>
        {
            seen.Add(current.Revision);
            return ValueTask.CompletedTask;
        }, cachedExisting: stale);

        Assert.Equal(fresh.Revision, seen[^1]);
        Assert.Equal("two", Text(deleted.Value));
    }

    [Fact]
    public async Task Delete_ThenCreate_NewCreateRevisionAndWatchSeesDeletedThenAdded()
    {
        var first = await Storage.CreateAsync("/conformance/a", Bytes("one"));
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/a", new WatchOptions { StartRevision = first.Revision }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var deleted = await Storage.DeleteAsync("/conformance/a");
        var second = await Storage.CreateAsync("/conformance/a", Bytes("two"));

        Assert.True(second.CreateRevision > deleted.Revision);
        Assert.Equal(second.Revision, second.CreateRevision);
        var events = await TakeAsync(watch, 2);
        Assert.Equal(StorageEventType.Deleted, events[0].Type);
        Assert.Equal(deleted.Revision, events[0].Revision);
        Assert.Equal("one", Text(events[0].Value));
        Assert.Equal(StorageEventType.Added, events[1].Type);
        Assert.Equal(second.Revision, events[1].Revision);
        Assert.Equal(second.CreateRevision, events[1].CreateRevision);
        Assert.Equal("two", Text(events[1].Value));
    }

    // ---------------------------------------------------------------- list

    [Fact]
    public async Task List_Latest_ReturnsKeysBelowPrefixInOrder()
    {
        await Storage.CreateAsync("/conformance/l/c", Bytes("c"));
        await Storage.CreateAsync("/conformance/l/a", Bytes("a"));
        var last = await Storage.CreateAsync("/conformance/l/b", Bytes("b"));
        await Storage.CreateAsync("/conformance/other", Bytes("x"));
        var current = await Storage.GetCurrentRevisionAsync();

        var list = await Storage.ListAsync("/conformance/l", new ListOptions());

        Assert.Equal(["/conformance/l/a", "/conformance/l/b", "/conformance/l/c"], list.Items.Select(item => item.Key));
        Assert.Equal(["a", "b", "c"], list.Items.Select(item => Text(item.Value)));
        Assert.Equal(last.Revision, list.Items[1].Revision);
        Assert.Equal(current, list.Revision);
        Assert.Null(list.Continue);
        Assert.Null(list.RemainingItemCount);
    }

    [Fact]
    public async Task List_PrefixIsolation_DoesNotReturnSiblingPrefix()
    {
        await Storage.CreateAsync("/conformance/a/b/one", Bytes("1"));
        await Storage.CreateAsync("/conformance/a/b", Bytes("self"));
        await Storage.CreateAsync("/conformance/a/bc/two", Bytes("2"));
        await Storage.CreateAsync("/conformance/a/b0", Bytes("3"));

        var withoutSlash = await Storage.ListAsync("/conformance/a/b", new ListOptions());
        var withSlash = await Storage.ListAsync("/conformance/a/b/", new ListOptions());

        Assert.Equal(["/conformance/a/b/one"], withoutSlash.Items.Select(item => item.Key));
        Assert.Equal(["/conformance/a/b/one"], withSlash.Items.Select(item => item.Key));
        Assert.Equal(1, await Storage.CountAsync("/conformance/a/b"));
    }

    [Fact]
    public async Task List_ExactOldRevision_SeesOldState()
    {
        await Storage.CreateAsync("/conformance/l/a", Bytes("a1"));
        await Storage.CreateAsync("/conformance/l/b", Bytes("b1"));
        var old = await Storage.GetCurrentRevisionAsync();
        await Storage.GuaranteedUpdateAsync("/conformance/l/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a2")));
        await Storage.DeleteAsync("/conformance/l/b");
        await Storage.CreateAsync("/conformance/l/c", Bytes("c1"));

        var then = await Storage.ListAsync("/conformance/l/", new ListOptions { Revision = old, Match = RevisionMatch.Exact });
        var now = await Storage.ListAsync("/conformance/l/", new ListOptions());

        Assert.Equal(old, then.Revision);
        Assert.Equal(["/conformance/l/a=a1", "/conformance/l/b=b1"], then.Items.Select(item => $"{item.Key}={Text(item.Value)}"));
        Assert.Equal(["/conformance/l/a=a2", "/conformance/l/c=c1"], now.Items.Select(item => $"{item.Key}={Text(item.Value)}"));
    }

    [Theory]
    [InlineData(RevisionMatch.NotOlderThan)]
    [InlineData(RevisionMatch.Unset)]
    public async Task List_FutureRevision_ThrowsTooLargeResourceVersion(RevisionMatch match)
    {
        await Storage.CreateAsync("/conformance/l/a", Bytes("a"));
        var current = await Storage.GetCurrentRevisionAsync();

        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.ListAsync("/conformance/l/", new ListOptions { Revision = current + 100, Match = match }));

        Assert.Equal(StorageErrorCode.TooLargeResourceVersion, error.Code);
    }

    [Fact]
    public async Task List_NotOlderThanPastRevision_ReadsLatest()
    {
        var first = await Storage.CreateAsync("/conformance/l/a", Bytes("a"));
        await Storage.CreateAsync("/conformance/l/b", Bytes("b"));
        var current = await Storage.GetCurrentRevisionAsync();

        var list = await Storage.ListAsync("/conformance/l/", new ListOptions { Revision = first.Revision, Match = RevisionMatch.NotOlderThan });

        Assert.Equal(current, list.Revision);
        Assert.Equal(2, list.Items.Count);
    }

    [Fact]
    public async Task List_LimitPages_RemainingItemCountAndContinue()
    {
        for (var i = 0; i < 10; i++)
        {
            await Storage.CreateAsync($"/conformance/l/k{i:D2}", Bytes($"{i}"));
        }

        var first = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 4 });
        var second = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 4, Continue = first.Continue });
        var third = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 4, Continue = second.Continue });

        Assert.Equal(["/conformance/l/k00", "/conformance/l/k01", "/conformance/l/k02", "/conformance/l/k03"], first.Items.Select(item => item.Key));
        Assert.Equal(6, first.RemainingItemCount);
        Assert.NotNull(first.Continue);
        Assert.Equal(["/conformance/l/k04", "/conformance/l/k05", "/conformance/l/k06", "/conformance/l/k07"], second.Items.Select(item => item.Key));
        Assert.Equal(2, second.RemainingItemCount);
        Assert.Equal(["/conformance/l/k08", "/conformance/l/k09"], third.Items.Select(item => item.Key));

        // Like the etcd3 store: the last page has no continue token and no remaining count.
        Assert.Null(third.Continue);
        Assert.Null(third.RemainingItemCount);
        Assert.Equal(first.Revision, second.Revision);
        Assert.Equal(first.Revision, third.Revision);
    }

    [Fact]
    public async Task List_LimitEqualToCount_LastPageHasNoContinue()
    {
        for (var i = 0; i < 3; i++)
        {
            await Storage.CreateAsync($"/conformance/l/k{i}", Bytes($"{i}"));
        }

        var page = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 3 });

        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.Continue);
    }

    [Fact]
    public async Task List_PagesDuringConcurrentWrites_TogetherEqualFirstPageSnapshot()
    {
        for (var i = 0; i < 40; i++)
        {
            await Storage.CreateAsync($"/conformance/p/k{i:D3}", Bytes($"v{i}"));
        }

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                var key = $"/conformance/p/k{n * 7 % 40:D3}";
                switch (n % 3)
                {
                    case 0:
                        await Storage.GuaranteedUpdateAsync(key, null, true, (_, _) => ValueTask.FromResult(Bytes($"w{n}")));
                        break;
                    case 1:
                        try
                        {
                            await Storage.DeleteAsync(key);
                        }
                        catch (StorageException e) when (e.Code == StorageErrorCode.KeyNotFound)
                        {
                            // Deleted earlier in the loop; any write will do.
                        }

                        break;
                    default:
                        await Storage.GuaranteedUpdateAsync($"/conformance/p/n{n:D5}", null, true, (_, _) => ValueTask.FromResult(Bytes($"n{n}")));
                        break;
                }
            }
        });

        var collected = new List<StorageItem>();
        StorageList page;
        long snapshot = 0;
        string? next = null;
        do
        {
            page = await Storage.ListAsync("/conformance/p/", new ListOptions { Limit = 6, Continue = next });
            snapshot = snapshot == 0 ? page.Revision : snapshot;
            Assert.Equal(snapshot, page.Revision);
            collected.AddRange(page.Items);
            next = page.Continue;

            // Make sure writes really land between pages.
            await WaitUntilAsync(async () => await Storage.GetCurrentRevisionAsync() > snapshot);
        }
        while (next is not null);

        await stop.CancelAsync();
        await writer;

        var expected = await Storage.ListAsync("/conformance/p/", new ListOptions { Revision = snapshot, Match = RevisionMatch.Exact });
        Assert.Equal(expected.Items.Select(Describe), collected.Select(Describe));
        Assert.True(await Storage.GetCurrentRevisionAsync() > snapshot);
    }

    [Fact]
    public async Task List_ContinueAfterCompaction_ThrowsResourceExpired()
    {
        for (var i = 0; i < 5; i++)
        {
            await Storage.CreateAsync($"/conformance/l/k{i}", Bytes($"{i}"));
        }

        var first = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 2 });
        await Storage.CreateAsync("/conformance/l/k9", Bytes("9"));
        await Storage.CreateAsync("/conformance/other", Bytes("x"));
        await Storage.CompactAsync(await Storage.GetCurrentRevisionAsync());

        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 2, Continue = first.Continue }));

        Assert.Equal(StorageErrorCode.ResourceExpired, error.Code);
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MCwic3RhcnQiOiJhIn0")] // {"v":"meta.k8s.io/v1","rv":0,"start":"a"}
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6Mywic3RhcnQiOiIuLi94In0")] // {"v":"meta.k8s.io/v1","rv":3,"start":"../x"}
    public async Task List_InvalidContinue_ThrowsInvalidContinue(string token)
    {
        await Storage.CreateAsync("/conformance/l/a", Bytes("a"));

        var error = await Assert.ThrowsAsync<StorageException>(
            () => Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 1, Continue = token }));

        Assert.Equal(StorageErrorCode.InvalidContinue, error.Code);
    }

    [Fact]
    public async Task List_PredicateWithLimit_FillsPagesWithMatches()
    {
        for (var i = 0; i < 20; i++)
        {
            await Storage.CreateAsync($"/conformance/l/k{i:D2}", Bytes(i % 3 == 0 ? "keep" : "drop"));
        }

        static bool Keep(StorageItem item) => Text(item.Value) == "keep";
        var pages = new List<StorageList>();
        string? next = null;
        do
        {
            var page = await Storage.ListAsync("/conformance/l/", new ListOptions { Limit = 3, Continue = next, Predicate = Keep });
            pages.Add(page);
            next = page.Continue;
        }
        while (next is not null && pages.Count < 20);

        // k00 k03 k06 | k09 k12 k15 | k18
        Assert.Equal([3, 3, 1], pages.Select(page => page.Items.Count));
        Assert.All(pages, page => Assert.Null(page.RemainingItemCount));
        Assert.Equal(
            ["/conformance/l/k00", "/conformance/l/k03", "/conformance/l/k06", "/conformance/l/k09", "/conformance/l/k12", "/conformance/l/k15", "/conformance/l/k18"],
            pages.SelectMany(page => page.Items).Select(item => item.Key));
    }

    [Fact]
    public async Task List_TenThousandKeys_PagedAndCounted()
    {
        const int Keys = 10_000;
        const int Writers = 16;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = writer; i < Keys; i += Writers)
            {
                await Storage.CreateAsync($"/conformance/many/k{i:D5}", Bytes($"v{i}"));
            }
        })));

        var keys = new List<string>();
        string? next = null;
        do
        {
            var page = await Storage.ListAsync("/conformance/many/", new ListOptions { Limit = 500, Continue = next });
            keys.AddRange(page.Items.Select(item => item.Key));
            next = page.Continue;
        }
        while (next is not null);

        Assert.Equal(Keys, keys.Count);
        Assert.Equal(Enumerable.Range(0, Keys).Select(i => $"/conformance/many/k{i:D5}"), keys);
        Assert.Equal(Keys, await Storage.CountAsync("/conformance/many/"));
    }

    [Fact]
    public async Task Count_CountsLiveKeysBelowPrefixOnly()
    {
        await Storage.CreateAsync("/conformance/c/a", Bytes("a"));
        await Storage.CreateAsync("/conformance/c/b", Bytes("b"));
        await Storage.CreateAsync("/conformance/c/d", Bytes("d"));
        await Storage.GuaranteedUpdateAsync("/conformance/c/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a2")));
        await Storage.DeleteAsync("/conformance/c/b");
        await Storage.CreateAsync("/conformance/cc/x", Bytes("x"));

        Assert.Equal(2, await Storage.CountAsync("/conformance/c/"));
        Assert.Equal(2, await Storage.CountAsync("/conformance/c"));
        Assert.Equal(0, await Storage.CountAsync("/conformance/none/"));
    }

    // ---------------------------------------------------------------- watch

    [Fact]
    public async Task Watch_ManyWrites_EventsInRevisionOrderWithoutGaps()
    {
        var start = await SeedAsync();
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/w", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var written = new List<(StorageEventType Type, string Key, long Revision)>();
        for (var i = 0; i < 60; i++)
        {
            var key = $"/conformance/w/k{i % 7}";
            var existing = await Storage.GetAsync(key, new GetOptions(IgnoreNotFound: true));
            if (existing is null)
            {
                written.Add((StorageEventType.Added, key, (await Storage.CreateAsync(key, Bytes($"v{i}"))).Revision));
            }
            else if (i % 5 == 0)
            {
                written.Add((StorageEventType.Deleted, key, (await Storage.DeleteAsync(key)).Revision));
            }
            else
            {
                var updated = await Storage.GuaranteedUpdateAsync(key, null, false, (_, _) => ValueTask.FromResult(Bytes($"v{i}")));
                written.Add((StorageEventType.Modified, key, updated.Revision));
            }
        }

        var events = await TakeAsync(watch, written.Count);
        Assert.Equal(written, events.Select(e => (e.Type, e.Key, e.Revision)));
    }

    [Fact]
    public async Task Watch_FromEveryRevisionInWindow_ResumesExactly()
    {
        var revisions = new List<long> { await SeedAsync() };
        for (var i = 0; i < 12; i++)
        {
            var item = i % 4 == 3
                ? await Storage.DeleteAsync($"/conformance/w/k{i - 1}")
                : await Storage.CreateAsync($"/conformance/w/k{i}", Bytes($"v{i}"));
            revisions.Add(item.Revision);
        }

        foreach (var start in revisions.ToList())
        {
            var expected = revisions.Where(revision => revision > start).ToList();
            using var cts = new CancellationTokenSource(WaitTimeout);
            await using var watch = Storage.WatchAsync("/conformance/w/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
                .GetAsyncEnumerator(cts.Token);

            var events = await TakeAsync(watch, expected.Count);
            var marker = await Storage.CreateAsync($"/conformance/w/marker{start}", Bytes("m"));
            var next = Assert.Single(await TakeAsync(watch, 1));

            Assert.Equal(expected, events.Select(e => e.Revision));
            Assert.Equal(marker.Revision, next.Revision);
            revisions.Add(marker.Revision);
        }
    }

    [Fact]
    public async Task Watch_FromCompactedRevision_ThrowsResourceExpired()
    {
        await SeedAsync();
        var first = await Storage.CreateAsync("/conformance/w/a", Bytes("1"));
        await Storage.GuaranteedUpdateAsync("/conformance/w/a", null, false, (_, _) => ValueTask.FromResult(Bytes("2")));
        await Storage.GuaranteedUpdateAsync("/conformance/w/a", null, false, (_, _) => ValueTask.FromResult(Bytes("3")));
        await Storage.GuaranteedUpdateAsync("/conformance/w/a", null, false, (_, _) => ValueTask.FromResult(Bytes("4")));
        await Storage.CompactAsync(await Storage.GetCurrentRevisionAsync());
        using var cts = new CancellationTokenSource(WaitTimeout);

        var error = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            await foreach (var _ in Storage.WatchAsync("/conformance/w/", new WatchOptions { StartRevision = first.Revision - 1, Recursive = true }, cts.Token))
            {
            }
        });

        Assert.Equal(StorageErrorCode.ResourceExpired, error.Code);
    }

    [Fact]
    public async Task Watch_SingleKey_SeesOnlyThatKey()
    {
        var start = await SeedAsync();
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/a/b", new WatchOptions { StartRevision = start }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        await Storage.CreateAsync("/conformance/a/bc", Bytes("sibling"));
        await Storage.CreateAsync("/conformance/a/b/child", Bytes("child"));
        var own = await Storage.CreateAsync("/conformance/a/b", Bytes("own"));
        await Storage.CreateAsync("/conformance/a/b0", Bytes("sibling"));
        var marker = await Storage.GuaranteedUpdateAsync("/conformance/a/b", null, false, (_, _) => ValueTask.FromResult(Bytes("own2")));

        var events = await TakeAsync(watch, 2);
        Assert.Equal([(StorageEventType.Added, own.Revision), (StorageEventType.Modified, marker.Revision)], events.Select(e => (e.Type, e.Revision)));
        Assert.All(events, e => Assert.Equal("/conformance/a/b", e.Key));
    }

    [Fact]
    public async Task Watch_Recursive_SeesOnlyKeysBelowPrefix()
    {
        var start = await SeedAsync();
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/a/b", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        await Storage.CreateAsync("/conformance/a/bc/x", Bytes("sibling"));
        await Storage.CreateAsync("/conformance/a/b", Bytes("self"));
        var child = await Storage.CreateAsync("/conformance/a/b/x", Bytes("child"));
        await Storage.CreateAsync("/conformance/a/b0", Bytes("sibling"));
        var grandchild = await Storage.CreateAsync("/conformance/a/b/y/z", Bytes("grandchild"));

        var events = await TakeAsync(watch, 2);
        Assert.Equal([("/conformance/a/b/x", child.Revision), ("/conformance/a/b/y/z", grandchild.Revision)], events.Select(e => (e.Key, e.Revision)));
    }

    [Fact]
    public async Task Watch_PreviousValues_FilledOnlyWhenAsked()
    {
        await SeedAsync();
        var created = await Storage.CreateAsync("/conformance/w/a", Bytes("one"));
        await Storage.GuaranteedUpdateAsync("/conformance/w/a", null, false, (_, _) => ValueTask.FromResult(Bytes("two")));
        await Storage.DeleteAsync("/conformance/w/a");
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var with = Storage.WatchAsync("/conformance/w/a", new WatchOptions { StartRevision = created.Revision - 1, PreviousValues = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);
        await using var without = Storage.WatchAsync("/conformance/w/a", new WatchOptions { StartRevision = created.Revision - 1 }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var withEvents = await TakeAsync(with, 3);
        var withoutEvents = await TakeAsync(without, 3);

        Assert.Equal([StorageEventType.Added, StorageEventType.Modified, StorageEventType.Deleted], withEvents.Select(e => e.Type));
        Assert.Null(withEvents[0].PreviousValue);
        Assert.Equal("one", Text(withEvents[1].PreviousValue!));
        Assert.Equal("two", Text(withEvents[2].PreviousValue!));
        Assert.All(withoutEvents, e => Assert.Null(e.PreviousValue));
    }

    [Fact]
    public async Task Watch_Deleted_CarriesLastValueAndCreateRevision()
    {
        var created = await Storage.CreateAsync("/conformance/w/a", Bytes("one"));
        await Storage.GuaranteedUpdateAsync("/conformance/w/a", null, false, (_, _) => ValueTask.FromResult(Bytes("last")));
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/w/", new WatchOptions { StartRevision = await Storage.GetCurrentRevisionAsync(), Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var deleted = await Storage.DeleteAsync("/conformance/w/a");

        var e = Assert.Single(await TakeAsync(watch, 1));
        Assert.Equal(StorageEventType.Deleted, e.Type);
        Assert.Equal("/conformance/w/a", e.Key);
        Assert.Equal("last", Text(e.Value));
        Assert.Equal(deleted.Revision, e.Revision);
        Assert.Equal(created.Revision, e.CreateRevision);
    }

    [Fact]
    public async Task Watch_LiveAfterReplay_NoGapNoDuplicate()
    {
        var start = await SeedAsync();
        for (var i = 0; i < 10; i++)
        {
            await Storage.CreateAsync($"/conformance/w/old{i}", Bytes("o"));
        }

        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/w/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await Storage.CreateAsync($"/conformance/w/new{i:D2}", Bytes("n"));
            }
        });

        var events = await TakeAsync(watch, 40);
        await writer;

        var revisions = events.Select(e => e.Revision).ToList();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(40, revisions.Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => $"/conformance/w/old{i}").Concat(Enumerable.Range(0, 30).Select(i => $"/conformance/w/new{i:D2}")),
            events.Select(e => e.Key));
    }

    [Fact]
    public async Task Watch_Cancelled_EndsWithoutError()
    {
        var start = await SeedAsync();
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/w/", new WatchOptions { StartRevision = start, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);
        await Storage.CreateAsync("/conformance/w/a", Bytes("a"));
        await TakeAsync(watch, 1);

        var pending = watch.MoveNextAsync();
        await cts.CancelAsync();

        Assert.False(await pending);
    }

    // ---------------------------------------------------------------- compaction

    [Fact]
    public async Task Compact_KeepsNewestStateAndRefusesOlderReads()
    {
        var a = await Storage.CreateAsync("/conformance/k/a", Bytes("a1"));
        await Storage.GuaranteedUpdateAsync("/conformance/k/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a2")));
        await Storage.GuaranteedUpdateAsync("/conformance/k/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a3")));
        await Storage.CreateAsync("/conformance/k/b", Bytes("b1"));
        await Storage.DeleteAsync("/conformance/k/b");
        await Storage.CreateAsync("/conformance/k/c", Bytes("c1"));
        var before = await Storage.ListAsync("/conformance/k/", new ListOptions());
        var compactAt = await Storage.GetCurrentRevisionAsync();

        await Storage.CompactAsync(compactAt);

        var after = await Storage.ListAsync("/conformance/k/", new ListOptions());
        var atCompacted = await Storage.ListAsync("/conformance/k/", new ListOptions { Revision = compactAt, Match = RevisionMatch.Exact });
        Assert.Equal(before.Items.Select(Describe), after.Items.Select(Describe));
        Assert.Equal(before.Items.Select(Describe), atCompacted.Items.Select(Describe));
        Assert.Equal(a.CreateRevision, (await Storage.GetAsync("/conformance/k/a"))!.CreateRevision);
        Assert.Equal(compactAt, await Storage.GetCompactedRevisionAsync());
        var old = await Assert.ThrowsAsync<StorageException>(
            () => Storage.ListAsync("/conformance/k/", new ListOptions { Revision = a.Revision, Match = RevisionMatch.Exact }));
        Assert.Equal(StorageErrorCode.ResourceExpired, old.Code);

        // Compacting again at or below the compacted revision does nothing; revisions keep growing.
        await Storage.CompactAsync(a.Revision);
        Assert.Equal(compactAt, await Storage.GetCompactedRevisionAsync());
        var next = await Storage.CreateAsync("/conformance/k/d", Bytes("d1"));
        Assert.True(next.Revision > compactAt);
    }

    [Fact]
    public async Task Compact_WatchFromCompactedRevision_SeesLaterEvents()
    {
        await Storage.CreateAsync("/conformance/k/a", Bytes("a1"));
        await Storage.GuaranteedUpdateAsync("/conformance/k/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a2")));
        var compactAt = await Storage.GetCurrentRevisionAsync();
        await Storage.CompactAsync(compactAt);
        var later = await Storage.GuaranteedUpdateAsync("/conformance/k/a", null, false, (_, _) => ValueTask.FromResult(Bytes("a3")));
        using var cts = new CancellationTokenSource(WaitTimeout);
        await using var watch = Storage.WatchAsync("/conformance/k/", new WatchOptions { StartRevision = compactAt, Recursive = true }, cts.Token)
            .GetAsyncEnumerator(cts.Token);

        var e = Assert.Single(await TakeAsync(watch, 1));

        Assert.Equal(later.Revision, e.Revision);
        Assert.Equal("a3", Text(e.Value));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>UTF-8 bytes of a string.</summary>
    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A string from UTF-8 bytes.</summary>
    protected static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A small JSON object with a <c>metadata.uid</c>, for UID preconditions.</summary>
    protected static byte[] Object(string uid, string data) =>
        Bytes($$"""{"metadata":{"name":"x","uid":"{{uid}}"},"data":"{{data}}"}""");

    /// <summary>
    /// Writes a key outside the tested prefixes and returns its revision: a watch start revision that is not 0 (which
    /// would mean "from now") even on a store that starts empty.
    /// </summary>
    protected async Task<long> SeedAsync() => (await Storage.CreateAsync($"/seed/{Guid.NewGuid():N}", Bytes("seed"))).Revision;

    /// <summary>Reads the next <paramref name="count"/> non-progress events; fails if the watch ends first.</summary>
    protected static async Task<List<StorageEvent>> TakeAsync(IAsyncEnumerator<StorageEvent> watch, int count)
    {
        var events = new List<StorageEvent>(count);
        while (events.Count < count)
        {
            if (!await watch.MoveNextAsync())
            {
                Assert.Fail($"the watch ended after {events.Count} of {count} events");
            }

            if (watch.Current.Type != StorageEventType.Progress)
            {
                events.Add(watch.Current);
            }
        }

        return events;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="WaitTimeout"/>.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + WaitTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not reached in time");
            }

            await Task.Yield();
        }
    }

    private static string Describe(StorageItem item) => $"{item.Key}@{item.Revision}/{item.CreateRevision}={Text(item.Value)}";
}
