namespace VirtRigaud.Controllers.Runtime;

/// <summary>Where and how the manager competes for leadership (a coordination.k8s.io/v1 Lease). Immutable.</summary>
public sealed record LeaderElectionSettings
{
    /// <summary>Upstream's lease name (its kubebuilder leader-election ID).</summary>
    public const string DefaultLeaseName = "8da97394.virtrigaud.io";

    /// <summary>The Lease's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Lease's name.</summary>
    public string LeaseName { get; init; } = DefaultLeaseName;

    /// <summary>This process's identity in the Lease (<c>holderIdentity</c>); unique per process.</summary>
    public required string Identity { get; init; }

    /// <summary>How long a lease is valid without renewal.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before giving up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates retry.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
