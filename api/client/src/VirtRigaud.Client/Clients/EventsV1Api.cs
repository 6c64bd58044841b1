using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>Typed clients of events.k8s.io/v1: Events. Thread-safe; each call returns a new lightweight client.</summary>
public sealed class EventsV1Api
{
    private readonly RestClient _rest;
    private readonly string _defaultNamespace;

    internal EventsV1Api(RestClient rest, string defaultNamespace)
    {
        _rest = rest;
        _defaultNamespace = defaultNamespace;
    }

    /// <summary>Events in <paramref name="namespace"/>: null for the configured default namespace, <see cref="ResourceClient{T}.AllNamespaces"/> (empty) for all.</summary>
    public ResourceClient<Models.EventsV1.Event> Events(string? @namespace = null) => new(_rest, ResourceDefinitions.EventsV1Events, @namespace ?? _defaultNamespace);
}
