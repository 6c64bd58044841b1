namespace VirtRigaud.Client.Informers;

/// <summary>
/// The handle of a handler added to a <see cref="SharedIndexInformer{T}"/> (client-go's
/// <c>ResourceEventHandlerRegistration</c>). Disposing it removes the handler. Thread-safe.
/// </summary>
public sealed class ResourceEventHandlerRegistration : IDisposable
{
    private readonly Func<bool> _hasSynced;
    private readonly Func<CancellationToken, Task> _waitForSync;
    private readonly Action<ResourceEventHandlerRegistration> _remove;

    internal ResourceEventHandlerRegistration(Func<bool> hasSynced, Func<CancellationToken, Task> waitForSync, Action<ResourceEventHandlerRegistration> remove)
    {
        _hasSynced = hasSynced;
        _waitForSync = waitForSync;
        _remove = remove;
    }

    /// <summary>
    /// Whether the informer has synced and this handler has been given every object of the informer's initial state
    /// (its initial adds were delivered, not just queued).
    /// </summary>
    public bool HasSynced => _hasSynced();

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _waitForSync(cancellationToken);

    /// <summary>Removes the handler; notifications still queued for it are dropped. Idempotent.</summary>
    public void Dispose() => _remove(this);
}
