namespace VirtRigaud.Apiserver.Health;

/// <summary>Options of the health endpoints.</summary>
public sealed record HealthOptions
{
    /// <summary>
    /// How long the <c>storage</c> check waits for the store's current revision before reporting failure; well under
    /// the kubelet's default probe timeout (1 s would be too tight for etcd under load, 10 s too long for a probe).
    /// </summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
