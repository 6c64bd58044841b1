using System.Runtime.CompilerServices;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Watch;

/// <summary>
/// Test double: passes every call to a real store, but can make the watches open at that moment fail with a chosen
/// <see cref="StorageException"/> (as a real watch does when the store compacts past it), can drop the last value of
/// deletions (as etcd does without prev_kv), and counts watch starts.
/// </summary>
internal sealed class FaultInjectingStorage(IStorage inner) : IStorage
{
    private readonly Lock _gate = new();
    private readonly List<(CancellationTokenSource Trigger, StorageException[] Fault)> _open = [];
    private int _watchStarts;
    private int _heldLists;
    private TaskCompletionSource? _listGate;

    /// <summary>Deletion events come without the last value.</summary>
    public bool DropDeletedValues { get; set; }

    /// <summary>How many watches were started.</summary>
    public int WatchStarts => Volatile.Read(ref _watchStarts);

    /// <summary>Makes every watch open now throw <paramref name="fault"/> at its next step.</summary>
    public void FailOpenWatches(StorageException fault)
    {
        lock (_gate)
        {
            foreach (var (trigger, slot) in _open)
            {
                slot[0] = fault;
                trigger.Cancel();
            }
        }
    }

    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCurrentRevisionAsync(cancellationToken);

    public Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default) =>
        inner.GetAsync(key, options, cancellationToken);

    /// <summary>How many lists are waiting for <see cref="ReleaseLists"/>.</summary>
    public int HeldLists => Volatile.Read(ref _heldLists);

    /// <summary>Makes every list from now on wait until <see cref="ReleaseLists"/> (holds a watch cache in its relist).</summary>
    public void HoldLists()
    {
        lock (_gate)
        {
            _listGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the held lists (and later ones) through.</summary>
    public void ReleaseLists()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            held = _listGate;
            _listGate = null;
        }

        held?.TrySetResult();
    }

    public async Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default)
    {
        Task? held;
        lock (_gate)
        {
            held = _listGate?.Task;
        }

        if (held is not null)
        {
            Interlocked.Increment(ref _heldLists);
            try
            {
                await held.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _heldLists);
            }
        }

        return await inner.ListAsync(prefix, options, cancellationToken);
    }

    public Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(key, value, cancellationToken);

    public Task<StorageItem> GuaranteedUpdateAsync(string key, Preconditions? preconditions, bool ignoreNotFound, UpdateFunction tryUpdate, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) =>
        inner.GuaranteedUpdateAsync(key, preconditions, ignoreNotFound, tryUpdate, cachedExisting, cancellationToken);

    public Task<StorageItem> DeleteAsync(string key, Preconditions? preconditions = null, ValidateDeletion? validateDeletion = null, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(key, preconditions, validateDeletion, cachedExisting, cancellationToken);

    public async IAsyncEnumerable<StorageEvent> WatchAsync(string key, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _watchStarts);
        using var trigger = new CancellationTokenSource();
        var slot = new StorageException[1];
        var entry = (trigger, slot);
        lock (_gate)
        {
            _open.Add(entry);
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, trigger.Token);
            await using var events = inner.WatchAsync(key, options, linked.Token).GetAsyncEnumerator(linked.Token);
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (slot[0] is not null)
                {
                    throw slot[0];
                }

                if (slot[0] is { } fault)
                {
                    throw fault;
                }

                if (!more)
                {
                    yield break;
                }

                var current = events.Current;
                yield return DropDeletedValues && current.Type == StorageEventType.Deleted ? current with { Value = [] } : current;
            }
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(entry);
            }
        }
    }

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => inner.CompactAsync(revision, cancellationToken);

    public Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default) => inner.GetCompactedRevisionAsync(cancellationToken);

    public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default) => inner.CountAsync(prefix, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
