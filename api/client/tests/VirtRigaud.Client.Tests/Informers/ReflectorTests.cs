using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.WorkQueue;
using static VirtRigaud.Client.Tests.Cache.TestObjects;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>The reflector's reactions to each answer a server can give, with a scripted source and a manual clock.</summary>
public sealed class ReflectorTests : IAsyncDisposable
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly ScriptedListWatch<PartialObjectMetadata> _source = new();
    private readonly RecordingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private Reflector<PartialObjectMetadata>? _reflector;
    private Task? _run;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Eventually.DefaultTimeout);
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task RunAsync_ListsAtZeroThenWatchesFromTheListResourceVersion()
    {
        _source.EnqueueList("10", Meta("ns", "a", "9"));
        Start();

        var watch = await _source.NextWatchAsync();
        watch.Send(WatchEventType.Added, Meta("ns", "b", "11"));
        watch.Send(WatchEventType.Modified, Meta("ns", "a", "12"));
        watch.Send(WatchEventType.Deleted, Meta("ns", "b", "13"));
        await StoreCallsAsync(4);

        var list = Assert.Single(_source.ListCalls);
        Assert.Equal("0", list.ResourceVersion);
        Assert.Equal(ReflectorOptions.DefaultPageSize, list.Limit);
        Assert.Null(list.Continue);
        Assert.Equal("10", watch.Options.ResourceVersion);
        Assert.True(watch.Options.AllowWatchBookmarks);
        Assert.Null(watch.Options.SendInitialEvents);
        Assert.InRange(watch.Options.TimeoutSeconds!.Value, 300, 600);
        Assert.Equal(["replace@10:a", "add:b@11", "update:a@12", "delete:b@13"], _store.Calls);
        Assert.Equal("13", _reflector!.LastSyncResourceVersion);
    }

    [Fact]
    public async Task RunAsync_Selectors_SentOnListAndWatch()
    {
        _source.EnqueueList("10");
        Start(Options() with { LabelSelector = "app=web", FieldSelector = "metadata.name=a" });

        var watch = await _source.NextWatchAsync();

        Assert.Equal("app=web", _source.ListCalls[0].LabelSelector);
        Assert.Equal("metadata.name=a", _source.ListCalls[0].FieldSelector);
        Assert.Equal("app=web", watch.Options.LabelSelector);
        Assert.Equal("metadata.name=a", watch.Options.FieldSelector);
    }

    [Fact]
    public async Task RunAsync_WatchEndsCleanly_RewatchesFromTheLastBookmarkWithoutRelisting()
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        first.Send(WatchEventType.Bookmark, Meta(null, "", "20"));
        first.End();

        var second = await _source.NextWatchAsync();

        Assert.Equal("20", second.Options.ResourceVersion);
        Assert.Single(_source.ListCalls);
        Assert.Equal(["replace@10:"], _store.Calls);
    }

    [Fact]
    public async Task RunAsync_WatchExpired_BacksOffThenRelistsAtTheLastResourceVersion()
    {
        _source.EnqueueList("10", Meta("ns", "a", "10"));
        Start();
        var first = await _source.NextWatchAsync();
        first.Send(WatchEventType.Modified, Meta("ns", "a", "11"));
        _source.EnqueueList("30", Meta("ns", "a", "25"));
        first.Fail(Api(410, StatusReasons.Expired, "too old resource version: 11 (20)"));

        await AdvanceThroughBackoffAsync();
        var second = await _source.NextWatchAsync();

        Assert.Equal(["0", "11"], _source.ListCalls.Select(c => c.ResourceVersion));
        Assert.Equal("30", second.Options.ResourceVersion);
        Assert.Equal(["replace@10:a", "update:a@11", "replace@30:a"], _store.Calls);
    }

    [Fact]
    public async Task RunAsync_RelistExpiredToo_ListsAgainAtOnceWithAConsistentRead()
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        _source.EnqueueListFailure(Api(410, StatusReasons.Expired, "too old resource version: 10 (20)"));
        _source.EnqueueList("40", Meta("ns", "a", "35"));
        first.Fail(Api(410, StatusReasons.Gone, "gone"));

        await AdvanceThroughBackoffAsync();
        var second = await _source.NextWatchAsync();

        Assert.Equal(["0", "10", null], _source.ListCalls.Select(c => c.ResourceVersion));
        Assert.Equal("40", second.Options.ResourceVersion);
        Assert.Equal(["replace@10:", "replace@40:a"], _store.Calls);
    }

    [Theory]
    [MemberData(nameof(RetriableWatchFailures))]
    public async Task RunAsync_WatchCannotConnect_RewatchesFromTheSameResourceVersionWithoutRelisting(Exception failure)
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        first.Send(WatchEventType.Added, Meta("ns", "a", "12"));
        first.Fail(failure);

        await AdvanceThroughBackoffAsync();
        var second = await _source.NextWatchAsync();

        Assert.Equal("12", second.Options.ResourceVersion);
        Assert.Single(_source.ListCalls);
    }

    public static TheoryData<Exception> RetriableWatchFailures() =>
    [
        new HttpRequestException("Connection refused"),
        new IOException("The response ended prematurely."),
        Api(429, StatusReasons.TooManyRequests, "storage is (re)initializing"),
        Api(503, StatusReasons.ServiceUnavailable, "unavailable"),
        Api(500, StatusReasons.InternalError, "the server could not complete the request"),
    ];

    [Fact]
    public async Task RunAsync_InternalErrorsLastingTooLong_Relists()
    {
        _source.EnqueueList("10");
        Start(Options() with { MaxInternalErrorRetryDuration = TimeSpan.FromSeconds(2) });
        var watch = await _source.NextWatchAsync();
        _source.EnqueueList("20");

        // 500s at 0 s, 1 s and 2 s are retried from the same version; the one at 3 s makes it list again.
        for (var i = 0; i < 3; i++)
        {
            watch.Fail(Api(500, StatusReasons.InternalError, "boom"));
            await AdvanceThroughBackoffAsync();
            watch = await _source.NextWatchAsync();
            Assert.Equal("10", watch.Options.ResourceVersion);
        }

        watch.Fail(Api(500, StatusReasons.InternalError, "boom"));
        await AdvanceThroughBackoffAsync();
        var afterRelist = await _source.NextWatchAsync();

        Assert.Equal(2, _source.ListCalls.Count);
        Assert.Equal("20", afterRelist.Options.ResourceVersion);
    }

    [Fact]
    public async Task RunAsync_RelistAfterExpiryAnsweredWithTheExpiredVersion_ListsTheNewestState()
    {
        _source.EnqueueList("10", Meta("ns", "a", "10"));
        Start();
        var first = await _source.NextWatchAsync();
        _source.EnqueueList("10", Meta("ns", "a", "10"));
        _source.EnqueueList("30", Meta("ns", "b", "30"));
        first.Fail(Api(410, StatusReasons.Expired, "too old resource version: 10 (20)"));

        await AdvanceThroughBackoffAsync();
        var second = await _source.NextWatchAsync();

        Assert.Equal(["0", "10", null], _source.ListCalls.Select(c => c.ResourceVersion));
        Assert.Equal("30", second.Options.ResourceVersion);
        Assert.Equal(["replace@10:a", "replace@30:b"], _store.Calls);
    }

    [Fact]
    public async Task RunAsync_RelistAtAVersion_SentWithoutALimitUnlessTheServerPaged()
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        _source.EnqueueList("20");
        first.Fail(Api(410, StatusReasons.Expired, "too old"));

        await AdvanceThroughBackoffAsync();
        await _source.NextWatchAsync();

        Assert.Equal([ReflectorOptions.DefaultPageSize, null], _source.ListCalls.Select(c => c.Limit));
    }

    [Fact]
    public async Task RunAsync_WatchForbidden_BacksOffAndRelists()
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        _source.EnqueueList("11");
        first.Fail(Api(403, StatusReasons.Forbidden, "forbidden"));

        await AdvanceThroughBackoffAsync();
        await _source.NextWatchAsync();

        Assert.Equal(2, _source.ListCalls.Count);
    }

    [Fact]
    public async Task RunAsync_ShortWatchWithoutEvents_CountsAsAFailureAndRelists()
    {
        _source.EnqueueList("10");
        Start();
        var first = await _source.NextWatchAsync();
        _source.EnqueueList("10");
        first.End();

        await AdvanceThroughBackoffAsync();
        await _source.NextWatchAsync();

        Assert.Equal(["0", "10"], _source.ListCalls.Select(c => c.ResourceVersion));
    }

    [Fact]
    public async Task RunAsync_Paged_FollowsContinueTokensFromTheFirstPageSnapshot()
    {
        _source.EnqueueList(_ => new ObjectList<PartialObjectMetadata> { Metadata = new ListMeta { ResourceVersion = "10", Continue = "c1" }, Items = [Meta("ns", "a")] });
        _source.EnqueueList(_ => new ObjectList<PartialObjectMetadata> { Metadata = new ListMeta { ResourceVersion = "10" }, Items = [Meta("ns", "b")] });
        Start(Options() with { PageSize = 1 });

        var watch = await _source.NextWatchAsync();

        Assert.Equal([(1L, (string?)null, (string?)"0"), (1L, "c1", null)], _source.ListCalls.Select(c => (c.Limit!.Value, c.Continue, c.ResourceVersion)));
        Assert.Equal(["replace@10:a,b"], _store.Calls);
        Assert.Equal("10", watch.Options.ResourceVersion);
    }

    [Fact]
    public async Task RunAsync_ContinueTokenExpired_ListsEverythingInOneRequest()
    {
        _source.EnqueueList(_ => new ObjectList<PartialObjectMetadata> { Metadata = new ListMeta { ResourceVersion = "10", Continue = "c1" }, Items = [Meta("ns", "a")] });
        _source.EnqueueListFailure(Api(410, StatusReasons.Expired, "The provided continue parameter is too old"));
        _source.EnqueueList("15", Meta("ns", "a"), Meta("ns", "b"));
        Start(Options() with { PageSize = 1 });

        var watch = await _source.NextWatchAsync();

        var full = _source.ListCalls[2];
        Assert.Null(full.Limit);
        Assert.Null(full.Continue);
        Assert.Equal("0", full.ResourceVersion);
        Assert.Equal(["replace@15:a,b"], _store.Calls);
        Assert.Equal("15", watch.Options.ResourceVersion);
    }

    [Fact]
    public async Task RunAsync_WatchList_InitialEventsUpToTheBookmarkThenTheSameStreamGoesOn()
    {
        Start(Options(watchList: true));
        var watch = await _source.NextWatchAsync();
        watch.Send(WatchEventType.Added, Meta("ns", "a", "5"));
        watch.Send(WatchEventType.Added, Meta("ns", "b", "6"));
        watch.Send(WatchEventType.Bookmark, InitialEventsEnd("7"));
        watch.Send(WatchEventType.Modified, Meta("ns", "a", "8"));
        await StoreCallsAsync(2);

        Assert.True(watch.Options.SendInitialEvents);
        Assert.Equal(ResourceVersionMatchValues.NotOlderThan, watch.Options.ResourceVersionMatch);
        Assert.Null(watch.Options.ResourceVersion);
        Assert.True(watch.Options.AllowWatchBookmarks);
        Assert.Empty(_source.ListCalls);
        Assert.Equal(["replace@7:a,b", "update:a@8"], _store.Calls);
        Assert.True(_reflector!.UsesWatchList);
        Assert.Equal("8", _reflector.LastSyncResourceVersion);
    }

    [Fact]
    public async Task RunAsync_WatchListAfterExpiry_StreamsFromTheLastResourceVersionThenAConsistentRead()
    {
        Start(Options(watchList: true));
        var first = await _source.NextWatchAsync();
        first.Send(WatchEventType.Bookmark, InitialEventsEnd("7"));
        first.Fail(Api(410, StatusReasons.Expired, "too old"));

        await AdvanceThroughBackoffAsync();
        var second = await _source.NextWatchAsync();
        _source.EnqueueList("50");
        second.Fail(Api(410, StatusReasons.Expired, "too old"));

        // The streaming list at "7" expired too: this round falls back to a consistent list.
        var third = await _source.NextWatchAsync();

        Assert.Equal("7", second.Options.ResourceVersion);
        Assert.True(second.Options.SendInitialEvents);
        Assert.Null(Assert.Single(_source.ListCalls).ResourceVersion);
        Assert.Equal("50", third.Options.ResourceVersion);
        Assert.Null(third.Options.SendInitialEvents);
        Assert.True(_reflector!.UsesWatchList);
    }

    [Theory]
    [InlineData(422)]
    [InlineData(400)]
    public async Task RunAsync_WatchListRejected_ListsAndNeverStreamsAgain(int code)
    {
        _source.EnqueueList("10", Meta("ns", "a"));
        Start(Options(watchList: true));
        var rejected = await _source.NextWatchAsync();
        rejected.Fail(Api(code, code == 422 ? StatusReasons.Invalid : StatusReasons.BadRequest, "sendInitialEvents is forbidden"));

        var watch = await _source.NextWatchAsync();
        _source.EnqueueList("20");
        watch.Fail(Api(410, StatusReasons.Expired, "too old"));
        await AdvanceThroughBackoffAsync();
        var after = await _source.NextWatchAsync();

        Assert.False(_reflector!.UsesWatchList);
        Assert.Null(watch.Options.SendInitialEvents);
        Assert.Equal("10", watch.Options.ResourceVersion);
        Assert.Null(after.Options.SendInitialEvents);
        Assert.Equal(2, _source.ListCalls.Count);
    }

    [Fact]
    public async Task RunAsync_WatchListEndsWithoutTheBookmark_TreatedAsUnsupported()
    {
        _source.EnqueueList("10", Meta("ns", "a"));
        Start(Options(watchList: true));
        var ignored = await _source.NextWatchAsync();
        ignored.Send(WatchEventType.Added, Meta("ns", "a"));
        ignored.End();

        var watch = await _source.NextWatchAsync();

        Assert.False(_reflector!.UsesWatchList);
        Assert.Equal("10", watch.Options.ResourceVersion);
        Assert.Equal(["replace@10:a"], _store.Calls);
    }

    [Fact]
    public async Task RunAsync_WatchListConnectionFails_ListsThisTimeAndStreamsAgainLater()
    {
        _source.EnqueueList("10");
        Start(Options(watchList: true));
        var failed = await _source.NextWatchAsync();
        failed.Fail(new HttpRequestException("Connection refused"));

        var watch = await _source.NextWatchAsync();

        Assert.True(_reflector!.UsesWatchList);
        Assert.Null(watch.Options.SendInitialEvents);
        Assert.Single(_source.ListCalls);
    }

    [Fact]
    public async Task RunAsync_ListFails_BacksOffAndRetries()
    {
        _source.EnqueueListFailure(new HttpRequestException("Connection refused"));
        _source.EnqueueList("10");
        Start();

        await _time.WaitForAsync(t => t.ActiveTimers > 0);
        Assert.Single(_source.ListCalls);
        _time.Advance(Backoff);
        await _source.NextWatchAsync();

        Assert.Equal(2, _source.ListCalls.Count);
    }

    [Fact]
    public async Task RunAsync_ResyncPeriod_ResyncsTheStoreWhileWatching()
    {
        _source.EnqueueList("10");
        Start(Options() with { ResyncPeriod = TimeSpan.FromSeconds(30) });
        await _source.NextWatchAsync();

        _time.Advance(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["replace@10:", "resync", "resync"], _store.Calls);
    }

    [Fact]
    public async Task RunAsync_Cancelled_CompletesWithoutThrowing()
    {
        _source.EnqueueList("10");
        Start();
        await _source.NextWatchAsync();

        await _stop.CancelAsync();

        await _run!.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task RunAsync_Twice_Throws()
    {
        _source.EnqueueList("10");
        Start();
        await _source.NextWatchAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _reflector!.RunAsync(CancellationToken.None));
    }

    private static KubernetesApiException Api(int code, string reason, string message) =>
        new(new Status { StatusValue = Status.Failure, Code = code, Reason = reason, Message = message });

    private static PartialObjectMetadata InitialEventsEnd(string resourceVersion) =>
        new() { Metadata = new ObjectMeta { ResourceVersion = resourceVersion, Annotations = new Dictionary<string, string> { [Reflector<PartialObjectMetadata>.InitialEventsEndAnnotation] = "true" } } };

    private ReflectorOptions Options(bool watchList = false) => new()
    {
        Name = "test",
        UseWatchList = watchList,
        TimeProvider = _time,
        InitialBackoff = Backoff,
        MaxBackoff = Backoff,
    };

    private void Start(ReflectorOptions? options = null)
    {
        _reflector = new Reflector<PartialObjectMetadata>(_source, _store, options ?? Options());
        _run = _reflector.RunAsync(_stop.Token);
    }

    private Task StoreCallsAsync(int count) => Eventually.TrueAsync(() => _store.Calls.Count >= count, $"the store got {count} calls");

    /// <summary>Waits until the reflector sleeps in its back-off, then moves the clock past it.</summary>
    private async Task AdvanceThroughBackoffAsync()
    {
        await _time.WaitForAsync(t => t.ActiveTimers > 0);
        _time.Advance(Backoff);
    }
}
