using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of apps/v1: Deployments. Thread-safe; each call returns a new lightweight client.</summary>
public sealed class AppsV1Api
{
    private readonly RestClient _rest;
    private readonly string _defaultNamespace;

    internal AppsV1Api(RestClient rest, string defaultNamespace)
    {
        _rest = rest;
        _defaultNamespace = defaultNamespace;
    }

    /// <summary>Deployments in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.AppsV1.Deployment> Deployments(string? @namespace = null) => new(_rest, ResourceDefinitions.Deployments, @namespace ?? _defaultNamespace);
}
