using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of core/v1: Secrets, ConfigMaps, Namespaces, Services, Events and PersistentVolumeClaims. Thread-safe; each call returns a new lightweight client.</summary>
public sealed class CoreV1Api
{
    private readonly RestClient _rest;
    private readonly string _defaultNamespace;

    internal CoreV1Api(RestClient rest, string defaultNamespace)
    {
        _rest = rest;
        _defaultNamespace = defaultNamespace;
    }

    /// <summary>Secrets in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoreV1.Secret> Secrets(string? @namespace = null) => new(_rest, ResourceDefinitions.Secrets, @namespace ?? _defaultNamespace);

    /// <summary>ConfigMaps in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoreV1.ConfigMap> ConfigMaps(string? @namespace = null) => new(_rest, ResourceDefinitions.ConfigMaps, @namespace ?? _defaultNamespace);

    /// <summary>Namespaces (cluster-scoped).</summary>
    public ResourceClient<Models.CoreV1.Namespace> Namespaces() => new(_rest, ResourceDefinitions.Namespaces, "");

    /// <summary>Services in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoreV1.Service> Services(string? @namespace = null) => new(_rest, ResourceDefinitions.Services, @namespace ?? _defaultNamespace);

    /// <summary>Events in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoreV1.Event> Events(string? @namespace = null) => new(_rest, ResourceDefinitions.CoreV1Events, @namespace ?? _defaultNamespace);

    /// <summary>PersistentVolumeClaims in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.CoreV1.PersistentVolumeClaim> PersistentVolumeClaims(string? @namespace = null) => new(_rest, ResourceDefinitions.PersistentVolumeClaims, @namespace ?? _defaultNamespace);
}
