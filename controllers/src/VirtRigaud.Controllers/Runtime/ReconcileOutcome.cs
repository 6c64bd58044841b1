namespace VirtRigaud.Controllers.Runtime;

/// <summary>How a reconcile ended, as counted by <c>virtrigaud_manager_reconcile_total{outcome}</c>.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged; nothing is scheduled.</summary>
    Success,

    /// <summary>Converged for now; the key comes back after a delay (polling).</summary>
    Requeue,

    /// <summary>An exception: retried with the queue's per-item exponential back-off.</summary>
    Error,
}
