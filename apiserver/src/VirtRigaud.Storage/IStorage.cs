namespace VirtRigaud.Storage;

/// <summary>
/// A revisioned key-value store holding the API server's objects, the shape of k8s.io/apiserver's
/// <c>storage.Interface</c>. Every write gets a new global revision, strictly increasing across all keys; that revision
/// is the object's <c>resourceVersion</c>. Values are opaque bytes (the API server's JSON); the store reads nothing in
/// them but <c>metadata.uid</c> when a UID precondition asks for it.
/// </summary>
/// <remarks>
/// Keys are absolute paths below the store's prefix (<see cref="StorageOptions.Prefix"/>), such as
/// <c>/infra.virtrigaud.io/virtualmachines/default/web-1</c>; the prefix is added and removed by the store. Errors are
/// <see cref="StorageException"/> with a <see cref="StorageErrorCode"/> the API server maps to a Kubernetes Status.
/// </remarks>
public interface IStorage : IAsyncDisposable
{
    /// <summary>The newest revision of the store (of any key).</summary>
    Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one key. Returns <c>null</c> when the key does not exist and <paramref name="options"/> says
    /// <see cref="GetOptions.IgnoreNotFound"/>; throws <see cref="StorageErrorCode.KeyNotFound"/> otherwise.
    /// </summary>
    Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the keys below <paramref name="prefix"/> (a prefix ending in <c>/</c>; one is added if missing) in key
    /// order, at the revision <paramref name="options"/> asks for, a page at a time.
    /// </summary>
    Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default);

    /// <summary>Creates a key; throws <see cref="StorageErrorCode.KeyExists"/> if it exists. Returns the stored item.</summary>
    Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-modify-write with optimistic concurrency: reads the key (or starts from <paramref name="cachedExisting"/>),
    /// checks <paramref name="preconditions"/>, calls <paramref name="tryUpdate"/> and writes its result only if the key
    /// was not changed in between; on a conflict it re-reads and calls <paramref name="tryUpdate"/> again. If the
    /// update returns bytes equal to the current value nothing is written and the current item is returned.
    /// </summary>
    /// <param name="key">The key to update.</param>
    /// <param name="preconditions">Checked against the current state on every attempt; a mismatch is a <see cref="StorageErrorCode.Conflict"/>.</param>
    /// <param name="ignoreNotFound">When the key is missing, call <paramref name="tryUpdate"/> with <c>null</c> (and create it) instead of failing.</param>
    /// <param name="tryUpdate">Computes the new value from the current item; throw to abort (the exception propagates unchanged).</param>
    /// <param name="cachedExisting">A possibly stale copy to try first, saving a read; a conflict falls back to a fresh read.</param>
    /// <param name="cancellationToken">Cancels between attempts and while waiting on the backend.</param>
    Task<StorageItem> GuaranteedUpdateAsync(
        string key,
        Preconditions? preconditions,
        bool ignoreNotFound,
        UpdateFunction tryUpdate,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a key after checking <paramref name="preconditions"/> and <paramref name="validateDeletion"/> against the
    /// current state (both re-checked if the key changes concurrently). Returns the last value with
    /// <see cref="StorageItem.Revision"/> set to the revision of the deletion.
    /// </summary>
    Task<StorageItem> DeleteAsync(
        string key,
        Preconditions? preconditions = null,
        ValidateDeletion? validateDeletion = null,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches one key or, with <see cref="WatchOptions.Recursive"/>, every key below a prefix. Events come in revision
    /// order, starting after <see cref="WatchOptions.StartRevision"/> (0 = after the current revision). Enumeration
    /// throws <see cref="StorageErrorCode.ResourceExpired"/> when the start revision was compacted away, and ends
    /// (without error) when <paramref name="cancellationToken"/> fires.
    /// </summary>
    IAsyncEnumerable<StorageEvent> WatchAsync(string key, WatchOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets history at and before <paramref name="revision"/>: reads and watches at older revisions fail with
    /// <see cref="StorageErrorCode.ResourceExpired"/> afterwards. The newest state of every key is kept.
    /// Compacting at or below the current compacted revision does nothing.
    /// </summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken = default);

    /// <summary>The revision up to which history has been compacted (0 if never).</summary>
    Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>How many keys exist below <paramref name="prefix"/> now (for metrics and remaining-item counts).</summary>
    Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default);
}

/// <summary>Computes the new value of a key in <see cref="IStorage.GuaranteedUpdateAsync"/>.</summary>
/// <param name="current">The current item, or <c>null</c> when the key is missing and not-found is ignored.</param>
/// <param name="cancellationToken">The update's cancellation token.</param>
/// <returns>The value to store.</returns>
public delegate ValueTask<byte[]> UpdateFunction(StorageItem? current, CancellationToken cancellationToken);

/// <summary>Decides whether a key may be deleted, given its current item; throw to refuse.</summary>
public delegate ValueTask ValidateDeletion(StorageItem current, CancellationToken cancellationToken);
