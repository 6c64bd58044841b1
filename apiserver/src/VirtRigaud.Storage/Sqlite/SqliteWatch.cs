using System.Threading.Channels;

namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// The cursor behind one <see cref="SqliteStorage.WatchAsync"/> enumeration. It delivers every matching event with a
/// revision after <see cref="_last"/>, once and in order, switching between two sources:
/// <code>
/// state        source                           leaves when
/// catching up  history rows read from kv        a read returns no rows  → live
/// live         the hub subscription's buffer    the buffer overflowed   → catching up (new subscription)
///                                               the store closed        → end
/// </code>
/// The subscription is always made before catching up, so an event committed during the catch-up is either read from
/// the table or buffered (or both: anything at or before <see cref="_last"/> is skipped) and nothing falls in between.
/// </summary>
internal sealed class SqliteWatch(SqliteStorage storage, string key, WatchOptions options) : IDisposable
{
    private readonly Queue<StorageEvent> _caughtUp = new();
    private SqliteWatchSubscription? _subscription;
    private bool _catchingUp;
    private Task<bool>? _pendingRead;

    /// <summary>The revision of the last event delivered (or the start revision); -1 before the first call.</summary>
    private long _last = -1;

    /// <summary>The next event, a progress event when idle, or <c>null</c> when the store has closed.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.ResourceExpired"/> when history the watch needs was compacted.</exception>
    public async ValueTask<StorageEvent?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_caughtUp.TryDequeue(out var replayed))
            {
                _last = replayed.Revision;
                return Shape(replayed);
            }

            if (_subscription is null)
            {
                _subscription = storage.Hub.Subscribe(key, options.Recursive, storage.SqliteOptions.WatchBufferSize);
                if (_last < 0)
                {
                    // Read after subscribing: every event after this revision is published, hence buffered, from now on.
                    _last = options.StartRevision > 0 ? options.StartRevision : storage.CurrentRevision;
                }

                _catchingUp = true;
            }

            if (_catchingUp)
            {
                var batch = await storage.ReadHistoryAsync(key, options.Recursive, _last, cancellationToken);
                _catchingUp = batch.Count > 0;
                foreach (var storageEvent in batch)
                {
                    _caughtUp.Enqueue(storageEvent);
                }

                continue;
            }

            var reader = _subscription.Reader;
            if (reader.TryRead(out var live))
            {
                if (live.Revision <= _last)
                {
                    continue;
                }

                _last = live.Revision;
                return Shape(live);
            }

            if (reader.Completion.IsCompleted)
            {
                if (!_subscription.Overflowed)
                {
                    return null;
                }

                // Too slow for the live feed: the writer dropped us rather than wait. Catch up from the table.
                _subscription = null;
                _pendingRead = null;
                continue;
            }

            if (await WaitAsync(reader, cancellationToken) is { } progress)
            {
                return progress;
            }
        }
    }

    public void Dispose()
    {
        if (_subscription is not null)
        {
            storage.Hub.Unsubscribe(_subscription);
            _subscription = null;
        }
    }

    /// <summary>Waits for live events; with progress notification on, returns a progress event after an idle interval.</summary>
    private async Task<StorageEvent?> WaitAsync(ChannelReader<StorageEvent> reader, CancellationToken cancellationToken)
    {
        // One wait is kept across idle intervals, so a long idle watch does not pile up abandoned waits.
        _pendingRead ??= reader.WaitToReadAsync(cancellationToken).AsTask();
        if (!options.ProgressNotify)
        {
            await _pendingRead;
            _pendingRead = null;
            return null;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(storage.SqliteOptions.ProgressInterval, storage.Time, idle.Token);
        var first = await Task.WhenAny(_pendingRead, delay);
        await idle.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first == _pendingRead)
        {
            await _pendingRead;
            _pendingRead = null;
            return null;
        }

        // Read the published revision before looking at the buffer: if the buffer is empty afterwards, every event up
        // to that revision was offered to this watch and has been delivered.
        var published = storage.Hub.PublishedRevision;
        if (reader.TryPeek(out _))
        {
            return null;
        }

        return new StorageEvent(StorageEventType.Progress, string.Empty, [], null, Math.Max(published, _last), 0);
    }

    private StorageEvent Shape(StorageEvent storageEvent) =>
        options.PreviousValues || storageEvent.PreviousValue is null ? storageEvent : storageEvent with { PreviousValue = null };
}
