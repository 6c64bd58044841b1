namespace VirtRigaud.Storage;

/// <summary>Settings of the <see cref="Compactor"/>.</summary>
public sealed record CompactorOptions
{
    /// <summary>
    /// Time between compactions, and so the least history kept: each tick compacts at the revision seen one tick
    /// earlier. Default 5 minutes, kube-apiserver's <c>--etcd-compaction-interval</c>.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
}
