namespace VirtRigaud.Provider.Sdk.Concurrency;

/// <summary>
/// One async mutex per key (a VM or image name), created on demand and dropped when nobody holds or waits for it.
/// Providers make name-keyed RPCs idempotent by looking the hypervisor up under this lock: a concurrent duplicate
/// Create/ImagePrepare for one name queues here and then finds the first one's result, while a VM deleted and created
/// again under the same name is really created again (the hypervisor is the truth, nothing is remembered). Operations
/// on different keys run in parallel. Thread-safe.
/// <code>
/// using (await _locks.AcquireAsync(request.Name, ct))
/// {
///     var existing = await FindByNameAsync(request.Name, ct);
///     return existing ?? await CreateAsync(request, ct);
/// }
/// </code>
/// </summary>
public sealed class KeyedAsyncLock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="key"/>; dispose the result to release it (disposing twice is harmless).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting.</exception>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(string key, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(KeyedAsyncLock owner, string key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
