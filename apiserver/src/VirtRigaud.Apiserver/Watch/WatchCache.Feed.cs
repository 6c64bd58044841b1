using System.Collections.Immutable;
using System.Text.Json;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Watch;

// The cache's feed: list, then watch storage, and apply what comes (kube-apiserver's reflector + watchCache.processEvent).
public sealed partial class WatchCache
{
    /// <summary>The list-then-watch loop (kube-apiserver's reflector ListAndWatch), until disposal.</summary>
    private async Task RunAsync(CancellationToken stop)
    {
        var delay = _options.RetryInitialDelay;
        var needList = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await RelistAsync(stop);
                    needList = false;
                }

                needList = await WatchStorageAsync(() => delay = _options.RetryInitialDelay, stop);
                if (needList || stop.IsCancellationRequested)
                {
                    continue;
                }

                WatchCacheLog.StorageWatchEnded(_logger, Kind.ToString(), delay);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.ResourceExpired)
            {
                // The store compacted past our revision: the window cannot be continued. Start over, immediately.
                WatchCacheLog.Relisting(_logger, Kind.ToString(), Revision, e.Message);
                BecomeUnready();
                needList = true;
                continue;
            }
            catch (Exception e)
            {
                if (needList)
                {
                    WatchCacheLog.ListFailed(_logger, Kind.ToString(), delay, e);
                }
                else
                {
                    WatchCacheLog.StorageWatchFailed(_logger, Kind.ToString(), delay, e);
                }
            }

            try
            {
                await Task.Delay(delay, _time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
        }
    }

    private async Task RelistAsync(CancellationToken stop)
    {
        var list = await _storage.ListAsync(Keys.ResourcePrefix, new ListOptions(), stop);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, CachedObject>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (TryDecode(item.Key, item.Value, item.Revision) is { } cached)
            {
                builder[item.Key] = cached;
            }
        }

        lock (_gate)
        {
            _state = builder.ToImmutable();
            _revision = list.Revision;
            _window.Reset(list.Revision);
            _ready = true;
            PulseLocked();
        }

        WatchCacheLog.Listed(_logger, Kind.ToString(), list.Items.Count, list.Revision);
    }

    /// <summary>
    /// Watches storage from the cache's revision and applies what comes. Returns true when the cache must relist, false
    /// when the watch ended on its own.
    /// </summary>
    private async Task<bool> WatchStorageAsync(Action healthy, CancellationToken stop)
    {
        var start = Revision;
        var options = new WatchOptions { StartRevision = start, Recursive = true, ProgressNotify = true };

        // A watch "from revision 0" starts at whatever the store's revision is when it subscribes, so a write between
        // a list of an empty store (revision 0) and the subscription would be missed. The first thing the watch
        // reports proves or disproves it: the store must have held nothing of ours just before that revision.
        var verifyGap = start == 0;
        await foreach (var storageEvent in _storage.WatchAsync(Keys.ResourcePrefix, options, stop).WithCancellation(stop))
        {
            if (verifyGap)
            {
                verifyGap = false;
                if (await MissedWritesAsync(storageEvent, stop))
                {
                    WatchCacheLog.StartGap(_logger, Kind.ToString(), storageEvent.Revision);
                    BecomeUnready();
                    return true;
                }
            }

            Apply(storageEvent);
            healthy();
        }

        return false;
    }

    private async Task<bool> MissedWritesAsync(StorageEvent first, CancellationToken stop)
    {
        var before = first.Type == StorageEventType.Progress ? first.Revision : first.Revision - 1;
        if (before < 1)
        {
            return false;
        }

        var list = await _storage.ListAsync(Keys.ResourcePrefix, new ListOptions { Revision = before, Match = RevisionMatch.Exact, Limit = 1 }, stop);
        return list.Items.Count > 0;
    }

    /// <summary>Applies one storage event: state, window, revision, and the fan-out to watchers.</summary>
    private void Apply(StorageEvent storageEvent)
    {
        if (storageEvent.Type == StorageEventType.Progress)
        {
            lock (_gate)
            {
                if (storageEvent.Revision > _revision)
                {
                    _revision = storageEvent.Revision;
                    PulseLocked();
                }
            }

            return;
        }

        // Decode outside the lock: it is the expensive part and only this loop writes. A deletion whose last value the
        // store could not give (etcd without prev_kv) is still a deletion: it carries the cached last state.
        var deleted = storageEvent.Type == StorageEventType.Deleted;
        var current = deleted && storageEvent.Value.Length == 0 ? null : TryDecode(storageEvent.Key, storageEvent.Value, storageEvent.Revision);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (storageEvent.Revision <= _revision)
            {
                return;
            }

            _revision = storageEvent.Revision;
            _state.TryGetValue(storageEvent.Key, out var previous);
            if (deleted && current is null && previous is not null)
            {
                current = previous.WithRevision(storageEvent.Revision);
            }

            if (current is not null)
            {
                _state = storageEvent.Type == StorageEventType.Deleted ? _state.Remove(storageEvent.Key) : _state.SetItem(storageEvent.Key, current);
                var change = WatchCacheEvent.Change(storageEvent.Type, current, previous, now);
                _window.Add(change);
                for (var i = _watchers.Count - 1; i >= 0; i--)
                {
                    if (!_watchers[i].Offer(change))
                    {
                        WatchCacheLog.SlowWatcherTerminated(_logger, Kind.ToString(), _watchers[i].Namespace, _options.WatcherBufferSize, change.Revision);
                        _watchers[i].Terminate();
                        RemoveAtLocked(i);
                    }
                }
            }

            PulseLocked();
        }
    }

    private CachedObject? TryDecode(string key, byte[] value, long revision)
    {
        try
        {
            return CachedObject.Decode(Keys, key, value, revision, Kind.Conversion);
        }
        catch (JsonException e)
        {
            WatchCacheLog.DecodeFailed(_logger, key, revision, e);
            return null;
        }
    }
}
