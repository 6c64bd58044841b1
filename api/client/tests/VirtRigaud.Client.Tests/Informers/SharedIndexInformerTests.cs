using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Informers;
using VirtRigaud.Client.Rest;
using VirtRigaud.Client.Tests.WorkQueue;
using static VirtRigaud.Client.Tests.Cache.TestObjects;

namespace VirtRigaud.Client.Tests.Informers;

/// <summary>What handlers receive, in which order, and when the informer counts as synced (scripted source, manual clock).</summary>
public sealed class SharedIndexInformerTests : IAsyncDisposable
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly ScriptedListWatch<PartialObjectMetadata> _source = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SharedIndexInformer<PartialObjectMetadata> _informer;
    private Task? _run;

    public SharedIndexInformerTests()
    {
        _informer = new SharedIndexInformer<PartialObjectMetadata>(_source, Options());
    }

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
    public async Task RunAsync_FirstList_InitialAddsThenSynced()
    {
        var handler = new RecordingHandler<PartialObjectMetadata>();
        var registration = _informer.AddEventHandler(handler);
        Assert.False(_informer.HasSynced);
        _source.EnqueueList("10", Meta("ns", "a", "5"), Meta("ns", "b", "6"));

        Start();
        await _informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        await registration.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        Assert.True(registration.HasSynced);
        Assert.Equal(["add:a@5:initial", "add:b@6:initial"], handler.Seen.Order(StringComparer.Ordinal));
        Assert.Equal(2, _informer.Indexer.Count);
        Assert.Equal("10", _informer.LastSyncResourceVersion);
    }

    [Fact]
    public async Task WatchEvents_DeliveredInOrderWithTheCacheAlreadyUpdated()
    {
        var cacheAtNotification = new List<string?>();
        var handler = new RecordingHandler<PartialObjectMetadata>(_ => cacheAtNotification.Add(_informer.Lister.Get("ns", "a")?.Metadata.ResourceVersion));
        _informer.AddEventHandler(handler);
        _source.EnqueueList("10");
        Start();
        var watch = await _source.NextWatchAsync();

        watch.Send(WatchEventType.Added, Meta("ns", "a", "11"));
        await handler.CountAsync(1);
        watch.Send(WatchEventType.Modified, Meta("ns", "a", "12"));
        await handler.CountAsync(2);
        watch.Send(WatchEventType.Deleted, Meta("ns", "a", "13"));
        await handler.CountAsync(3);

        Assert.Equal(["add:a@11", "update:a@11->12", "delete:a@13"], handler.Seen);
        Assert.Equal(["11", "12", null], cacheAtNotification);
    }

    [Fact]
    public async Task Relist_UpdatesKnownObjectsAddsNewOnesAndTombstonesVanishedOnes()
    {
        var handler = new RecordingHandler<PartialObjectMetadata>();
        _informer.AddEventHandler(handler);
        _source.EnqueueList("10", Meta("ns", "keep", "1"), Meta("ns", "gone", "2"));
        Start();
        var watch = await _source.NextWatchAsync();
        await handler.CountAsync(2);

        _source.EnqueueList("20", Meta("ns", "keep", "15"), Meta("ns", "new", "16"));
        watch.Fail(new KubernetesApiException(new Status { Code = 410, Reason = StatusReasons.Expired, Message = "too old" }));
        await _time.WaitForAsync(t => t.ActiveTimers > 0);
        _time.Advance(Backoff);
        await handler.CountAsync(5);

        Assert.Equal(
            ["update:keep@1->15", "add:new@16", "delete:gone@2:tombstone:ns/gone"],
            handler.Seen.Skip(2));
        Assert.Equal(["ns/keep", "ns/new"], _informer.Indexer.ListKeys().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddEventHandler_AfterSync_GetsTheCachedObjectsThenLiveEvents()
    {
        _source.EnqueueList("10", Meta("ns", "a", "5"));
        Start();
        var watch = await _source.NextWatchAsync();
        var late = new RecordingHandler<PartialObjectMetadata>();

        var registration = _informer.AddEventHandler(late);
        await registration.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        watch.Send(WatchEventType.Added, Meta("ns", "b", "11"));
        await late.CountAsync(2);

        Assert.Equal(["add:a@5:initial", "add:b@11"], late.Seen);
    }

    [Fact]
    public async Task Handler_Throws_LaterNotificationsStillDelivered()
    {
        var handler = new RecordingHandler<PartialObjectMetadata>(line =>
        {
            if (line.StartsWith("add:a", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("handler bug");
            }
        });
        _informer.AddEventHandler(handler);
        _source.EnqueueList("10");
        Start();
        var watch = await _source.NextWatchAsync();

        watch.Send(WatchEventType.Added, Meta("ns", "a", "11"));
        watch.Send(WatchEventType.Added, Meta("ns", "b", "12"));
        await handler.CountAsync(1);

        Assert.Equal(["add:b@12"], handler.Seen);
    }

    [Fact]
    public async Task Handler_Slow_DoesNotHoldUpOtherHandlersOrTheCache()
    {
        using var release = new ManualResetEventSlim();
        var slow = new RecordingHandler<PartialObjectMetadata>(_ => release.Wait(Eventually.DefaultTimeout));
        var fast = new RecordingHandler<PartialObjectMetadata>();
        _informer.AddEventHandler(slow);
        _informer.AddEventHandler(fast);
        _source.EnqueueList("10");
        Start();
        var watch = await _source.NextWatchAsync();

        for (var i = 0; i < 50; i++)
        {
            watch.Send(WatchEventType.Added, Meta("ns", "vm-" + i, (11 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await fast.CountAsync(50);
        Assert.Equal(50, _informer.Indexer.Count);
        Assert.Empty(slow.Seen);

        release.Set();
        await slow.CountAsync(50);
        Assert.Equal(fast.Seen, slow.Seen);
    }

    [Fact]
    public async Task Resync_UpdatesWithTheSameObjectOnlyForHandlersThatAskedForIt()
    {
        var resyncing = new RecordingHandler<PartialObjectMetadata>();
        var plain = new RecordingHandler<PartialObjectMetadata>();
        _informer.AddEventHandler(resyncing, TimeSpan.FromSeconds(30));
        _informer.AddEventHandler(plain, TimeSpan.Zero);
        _source.EnqueueList("10", Meta("ns", "a", "5"));
        Start();
        await _source.NextWatchAsync();
        await resyncing.CountAsync(1);

        _time.Advance(TimeSpan.FromSeconds(30));
        await resyncing.CountAsync(2);
        _time.Advance(TimeSpan.FromSeconds(30));
        await resyncing.CountAsync(3);

        Assert.Equal(["add:a@5:initial", "resync:a@5", "resync:a@5"], resyncing.Seen);
        Assert.Equal(["add:a@5:initial"], plain.Seen);
    }

    [Fact]
    public async Task RemoveHandler_NoMoreNotifications()
    {
        var removed = new RecordingHandler<PartialObjectMetadata>();
        var kept = new RecordingHandler<PartialObjectMetadata>();
        var registration = _informer.AddEventHandler(removed);
        _informer.AddEventHandler(kept);
        _source.EnqueueList("10");
        Start();
        var watch = await _source.NextWatchAsync();

        registration.Dispose();
        watch.Send(WatchEventType.Added, Meta("ns", "a", "11"));
        await kept.CountAsync(1);

        Assert.Empty(removed.Seen);
    }

    [Fact]
    public async Task RunAsync_Twice_ThrowsAndAfterStopHandlersCannotBeAdded()
    {
        _source.EnqueueList("10");
        Start();
        await _source.NextWatchAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _informer.RunAsync(CancellationToken.None));
        await _stop.CancelAsync();
        await _run!.WaitAsync(Eventually.DefaultTimeout);

        Assert.True(_informer.IsStopped);
        Assert.Throws<InvalidOperationException>(() => _informer.AddEventHandler(new RecordingHandler<PartialObjectMetadata>()));
    }

    [Fact]
    public async Task WaitForCacheSyncAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var wait = _informer.WaitForCacheSyncAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task AddIndexers_QueriesTheCacheByIndex()
    {
        _informer.AddIndexers(new Dictionary<string, IndexFunc<PartialObjectMetadata>> { ["app"] = o => o.Metadata.Label("app") is { } app ? [app] : [] });
        _source.EnqueueList("10", Meta("ns", "a", labels: Labels(("app", "web"))), Meta("ns", "b"));
        Start();
        await _informer.WaitForCacheSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        Assert.Equal("a", Assert.Single(_informer.Lister.ByIndex("app", "web")).Metadata.Name);
        Assert.Equal(2, _informer.Lister.Namespace("ns").List().Count);
    }

    private SharedIndexInformerOptions Options() => new()
    {
        Reflector = new ReflectorOptions { Name = "test", UseWatchList = false, TimeProvider = _time, InitialBackoff = Backoff, MaxBackoff = Backoff },
    };

    private void Start() => _run = _informer.RunAsync(_stop.Token);
}
