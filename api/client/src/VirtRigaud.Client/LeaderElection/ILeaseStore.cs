namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// The lock a <see cref="LeaderElector"/> competes for (client-go's <c>resourcelock.Interface</c>): one record, read
/// and written with optimistic concurrency. <see cref="KubernetesLeaseStore"/> keeps it in a
/// <c>coordination.k8s.io/v1</c> Lease. Implementations are thread-safe.
/// </summary>
public interface ILeaseStore
{
    /// <summary>What the lock is, for logs, e.g. <c>kube-system/virtrigaud-controller-manager</c>.</summary>
    string Description { get; }

    /// <summary>Reads the record; null when the lock does not exist yet.</summary>
    Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates the lock holding <paramref name="record"/>.</summary>
    /// <exception cref="LeaseConflictException">The lock exists already (someone else created it first).</exception>
    Task<LeaseSnapshot> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the record if the lock is still at <paramref name="resourceVersion"/>.</summary>
    /// <exception cref="LeaseConflictException">The lock changed since (or was deleted): read it again.</exception>
    Task<LeaseSnapshot> UpdateAsync(LeaderElectionRecord record, string resourceVersion, CancellationToken cancellationToken);
}
