namespace VirtRigaud.Controllers.Runtime;

/// <summary>
/// A level-based reconciler: given a key, it reads the current state (from informer listers), compares it with the
/// desired state and acts until they agree. It must be idempotent: it is called again for the same key after every
/// change, resync, requeue or back-off, and may be called for a key whose object no longer exists (return
/// <see cref="ReconcileResult.Done"/>). The controller never calls it for the same key from two workers at once.
/// </summary>
public interface IReconciler
{
    /// <summary>Reconciles the object named by <paramref name="key"/>.</summary>
    /// <exception cref="TerminalReconcileException">The failure cannot be fixed by retrying.</exception>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
