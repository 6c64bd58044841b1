using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of coordination.k8s.io/v1: Leases (leader election). Thread-safe; each call returns a new lightweight client.</summary>
public sealed class CoordinationV1Api
{
    private readonly RestClient _rest;
    private readonly string _defaultNamespace;

    internal CoordinationV1Api(RestClient rest, string defaultNamespace)
    {
        _rest = rest;
        _defaultNamespace = defaultNamespace;
    }

    /// <summary>Leases in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoordinationV1.Lease> Leases(string? @namespace = null) => new(_rest, ResourceDefinitions.Leases, @namespace ?? _defaultNamespace);
}
