using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoordinationV1;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.LeaderElection;

/// <summary>
/// An <see cref="ILeaseStore"/> on a <c>coordination.k8s.io/v1</c> Lease (client-go's <c>resourcelock.LeaseLock</c>):
/// the record lives in the Lease's spec; updates are PUTs of the last Lease read, with its resourceVersion, so labels
/// and annotations others put on the Lease survive and a concurrent write fails with 409.
/// </summary>
/// <remarks>
/// The identity needs RBAC <c>get</c>, <c>create</c> and <c>update</c> on <c>leases</c> in <see cref="Namespace"/>.
/// Thread-safe.
/// </remarks>
public sealed class KubernetesLeaseStore : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly ResourceClient<Lease> _leases;
    private Lease? _last;

    /// <summary>A lock on the Lease <paramref name="name"/> in <paramref name="namespace"/>.</summary>
    public KubernetesLeaseStore(RestClient rest, string @namespace, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _leases = new ResourceClient<Lease>(rest, ResourceDefinitions.Leases, @namespace);
        Namespace = @namespace;
        Name = name;
    }

    /// <summary>The Lease's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The Lease's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description => Namespace + "/" + Name;

    /// <inheritdoc/>
    public async Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        Lease lease;
        try
        {
            lease = await _leases.GetAsync(Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }

        return Remember(lease);
    }

    /// <inheritdoc/>
    public async Task<LeaseSnapshot> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken)
    {
        var lease = new Lease { Metadata = new ObjectMeta { Name = Name, Namespace = Namespace }, Spec = ToSpec(record) };
        try
        {
            return Remember(await _leases.CreateAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists || e.IsConflict)
        {
            throw new LeaseConflictException($"lease {Description} was created concurrently", e);
        }
    }

    /// <inheritdoc/>
    public async Task<LeaseSnapshot> UpdateAsync(LeaderElectionRecord record, string resourceVersion, CancellationToken cancellationToken)
    {
        Lease? last;
        lock (_gate)
        {
            last = _last;
        }

        var basis = last ?? new Lease { Metadata = new ObjectMeta { Name = Name, Namespace = Namespace } };
        var lease = basis with { Metadata = basis.Metadata with { ResourceVersion = resourceVersion, ManagedFields = null }, Spec = ToSpec(record, basis.Spec) };
        try
        {
            return Remember(await _leases.UpdateAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            throw new LeaseConflictException($"lease {Description} changed or vanished since resourceVersion {resourceVersion}", e);
        }
    }

    private LeaseSnapshot Remember(Lease lease)
    {
        lock (_gate)
        {
            _last = lease;
        }

        var spec = lease.Spec ?? new LeaseSpec();
        return new LeaseSnapshot
        {
            Record = new LeaderElectionRecord
            {
                HolderIdentity = spec.HolderIdentity ?? "",
                LeaseDurationSeconds = spec.LeaseDurationSeconds ?? 0,
                AcquireTime = spec.AcquireTime,
                RenewTime = spec.RenewTime,
                LeaderTransitions = spec.LeaseTransitions ?? 0,
            },
            ResourceVersion = lease.Metadata.ResourceVersion ?? "",
        };
    }

    /// <summary>The record as a spec; fields the record does not model (strategy, preferredHolder) are kept from <paramref name="previous"/>.</summary>
    private static LeaseSpec ToSpec(LeaderElectionRecord record, LeaseSpec? previous = null) => (previous ?? new LeaseSpec()) with
    {
        HolderIdentity = record.HolderIdentity,
        LeaseDurationSeconds = record.LeaseDurationSeconds,
        AcquireTime = record.AcquireTime,
        RenewTime = record.RenewTime,
        LeaseTransitions = record.LeaderTransitions,
    };
}
