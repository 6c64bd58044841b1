namespace VirtRigaud.Client.WorkQueue;

/// <summary>
/// client-go's work queue (<c>workqueue.Typed</c> plus the delaying queue) for keys: de-duplicating, with a processing
/// set, delayed adds, graceful shutdown and client-go's metrics (<see cref="WorkQueueMetrics"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>States of a key.</b>
/// <list type="table">
/// <listheader><term>state</term><description>what <see cref="Add"/> does</description></listheader>
/// <item><term>absent</term><description>queues it (dirty + queued)</description></item>
/// <item><term>queued</term><description>nothing (it is handed out once)</description></item>
/// <item><term>processing</term><description>marks it dirty; <see cref="Done"/> queues it again</description></item>
/// <item><term>processing + dirty</term><description>nothing</description></item>
/// </list>
/// So a key is never processed by two workers at once, and a change that arrives during processing is never lost.
/// </para>
/// <para>
/// <b>Delays.</b> <see cref="AddAfter"/> keeps each key once, at its earliest due time, in a heap served by a single
/// timer of the <see cref="WorkQueueOptions.TimeProvider"/> that is re-armed for the next due key (client-go runs one
/// goroutine for the same job). Due keys go through <see cref="Add"/>.
/// </para>
/// Thread-safe: one lock guards all state; no member blocks except <see cref="GetAsync"/> (waits for a key) and
/// <see cref="ShutDownWithDrainAsync"/> (waits for workers). The constructor does no work.
/// </remarks>
/// <typeparam name="TKey">The key type; equality decides de-duplication.</typeparam>
public sealed class WorkQueue<TKey> : IDelayingQueue<TKey>, WorkQueueMetrics.IUnfinishedWork
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly Dictionary<TKey, long> _processing = [];
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly PriorityQueue<TKey, long> _delayed = new();
    private readonly Dictionary<TKey, long> _readyAt = [];
    private readonly WorkQueueMetrics.Instruments? _metrics;
    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Dictionary<TKey, long>? _addedAt;
    private ITimer? _timer;
    private bool _shuttingDown;
    private TaskCompletionSource? _drained;

    /// <summary>Creates an empty queue.</summary>
    public WorkQueue(WorkQueueOptions? options = null)
    {
        options ??= new WorkQueueOptions();
        _time = options.TimeProvider;
        Name = options.Name ?? "";
        if (Name.Length > 0)
        {
            _metrics = WorkQueueMetrics.For(options.Meter);
            _nameTag = new KeyValuePair<string, object?>("name", Name);
            _addedAt = [];
            _metrics.Register(this);
        }
    }

    /// <summary>The queue's name (the <c>name</c> label of its metrics); empty when unnamed.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The number of keys waiting for their <see cref="AddAfter"/> delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _readyAt.Count;
            }
        }
    }

    /// <summary>The number of keys handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (_gate)
            {
                return _processing.Count;
            }
        }
    }

    /// <inheritdoc/>
    public bool ShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <inheritdoc/>
    public void Add(TKey item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <inheritdoc/>
    public void AddAfter(TKey item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetTimestamp() + ToTimestampTicks(delay);
            if (_readyAt.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            // The heap has no decrease-key: push again and let _readyAt say which entry is current (stale ones are
            // skipped when they surface).
            _readyAt[item] = due;
            _delayed.Enqueue(item, due);
            ArmTimerLocked();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<(TKey Item, bool Shutdown)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            LinkedListNode<TaskCompletionSource> node;
            lock (_gate)
            {
                if (_queue.Count > 0)
                {
                    return (TakeLocked(), false);
                }

                if (_shuttingDown)
                {
                    return (default!, true);
                }

                cancellationToken.ThrowIfCancellationRequested();
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                node = _waiters.AddLast(waiter);
            }

            // A waiter is woken by completing it. If cancellation wins the race the wake-up goes to the next waiter
            // (WakeOneLocked skips completed ones); if the wake-up wins, this call takes the key regardless of the
            // token, so no key is ever left queued while a worker waits.
            await using (cancellationToken.UnsafeRegister(_ => Cancel(node, cancellationToken), null))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public void Done(TKey item)
    {
        lock (_gate)
        {
            if (!_processing.Remove(item, out var started))
            {
                return;
            }

            _metrics?.WorkDuration.Record(_time.GetElapsedTime(started).TotalSeconds, _nameTag);
            if (_dirty.Contains(item))
            {
                _queue.Enqueue(item);
                WakeOneLocked();
            }

            SignalDrainedLocked();
        }
    }

    /// <inheritdoc/>
    public void ShutDown()
    {
        lock (_gate)
        {
            ShutDownLocked();
        }
    }

    /// <inheritdoc/>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_gate)
        {
            ShutDownLocked();
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            SignalDrainedLocked();
            drained = _drained.Task;
        }

        return drained.WaitAsync(cancellationToken);
    }

    /// <summary>Counts a rate-limited re-add in <c>workqueue_retries_total</c>.</summary>
    internal void RecordRetry() => _metrics?.Retries.Add(1, _nameTag);

    (double Total, double Longest) WorkQueueMetrics.IUnfinishedWork.Unfinished()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            double total = 0, longest = 0;
            foreach (var started in _processing.Values)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }

            return (total, longest);
        }
    }

    private void AddLocked(TKey item)
    {
        if (_shuttingDown || !_dirty.Add(item))
        {
            return;
        }

        if (_metrics is not null)
        {
            _metrics.Adds.Add(1, _nameTag);
            _metrics.Depth.Add(1, _nameTag);
            _addedAt!.TryAdd(item, _time.GetTimestamp());
        }

        if (_processing.ContainsKey(item))
        {
            return;
        }

        _queue.Enqueue(item);
        WakeOneLocked();
    }

    private TKey TakeLocked()
    {
        var item = _queue.Dequeue();
        var now = _time.GetTimestamp();
        _processing[item] = now;
        _dirty.Remove(item);
        if (_metrics is not null)
        {
            _metrics.Depth.Add(-1, _nameTag);
            if (_addedAt!.Remove(item, out var added))
            {
                _metrics.QueueDuration.Record(_time.GetElapsedTime(added, now).TotalSeconds, _nameTag);
            }
        }

        return item;
    }

    private void WakeOneLocked()
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult())
            {
                return;
            }
        }
    }

    private void Cancel(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
            }
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private void ShutDownLocked()
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _timer?.Dispose();
        _timer = null;
        _delayed.Clear();
        _readyAt.Clear();
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult();
        }

        _metrics?.Unregister(this);
    }

    private void SignalDrainedLocked()
    {
        if (_drained is not null && _processing.Count == 0 && _queue.Count == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void ArmTimerLocked()
    {
        // Drop stale heap entries (a key moved to an earlier time, or already added) so the head is the next real due time.
        while (_delayed.TryPeek(out var head, out var due) && (!_readyAt.TryGetValue(head, out var current) || current != due))
        {
            _delayed.Dequeue();
        }

        if (!_delayed.TryPeek(out _, out var next))
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = _time.CreateTimer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetTimestamp();
            while (_delayed.TryPeek(out var item, out var due) && due <= now)
            {
                _delayed.Dequeue();
                if (_readyAt.TryGetValue(item, out var current) && current == due)
                {
                    _readyAt.Remove(item);
                    AddLocked(item);
                }
            }

            ArmTimerLocked();
        }
    }

    private long ToTimestampTicks(TimeSpan delay) =>
        (long)Math.Ceiling(delay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
