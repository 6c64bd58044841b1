using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry.Builtin.Leases;

/// <summary>The Go types of coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1), field by field.</summary>
internal static class LeaseTypes
{
    public const string DefinitionName = "io.k8s.api.coordination.v1.Lease";
    public const string ListDefinitionName = "io.k8s.api.coordination.v1.LeaseList";

    public static GoStructType LeaseSpec { get; } = new()
    {
        Name = "LeaseSpec",
        DefinitionName = "io.k8s.api.coordination.v1.LeaseSpec",
        Description = "LeaseSpec is a specification of a Lease.",
        Fields =
        [
            new("holderIdentity", 1, GoScalarType.String, "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.") { Pointer = true },
            new("leaseDurationSeconds", 2, GoScalarType.Int32, "leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measured against the time of last observed renewTime.") { Pointer = true },
            new("acquireTime", 3, GoScalarType.MicroTime, "acquireTime is a time when the current lease was acquired.") { Pointer = true },
            new("renewTime", 4, GoScalarType.MicroTime, "renewTime is a time when the current holder of a lease has last updated the lease.") { Pointer = true },
            new("leaseTransitions", 5, GoScalarType.Int32, "leaseTransitions is the number of transitions of a lease between holders.") { Pointer = true },
            new("strategy", 6, GoScalarType.String, "Strategy indicates the strategy for picking the leader for coordinated leader election (requires the CoordinatedLeaderElection feature gate, which is off: the field is dropped).") { Pointer = true },
            new("preferredHolder", 7, GoScalarType.String, "PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up (requires the CoordinatedLeaderElection feature gate, which is off: the field is dropped).") { Pointer = true },
        ],
    };

    public static GoStructType Lease { get; } = new()
    {
        Name = "Lease",
        DefinitionName = DefinitionName,
        Kind = new GroupVersionKind("coordination.k8s.io", "v1", "Lease"),
        Description = "Lease defines a lease concept.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
            new("spec", 2, LeaseSpec, "spec contains the specification of the Lease. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
        ],
    };
}
