using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Dynamic;

/// <summary>
/// An untyped client for any group/version/resource (client-go's <c>dynamic.Interface</c>): objects are
/// <see cref="System.Text.Json.Nodes.JsonObject"/>s, so fields this library has no model for survive a read-modify-write.
/// <see cref="ResourceForKindAsync"/> finds the resource of an <c>apiVersion</c>/<c>kind</c> through discovery
/// (cached). Thread-safe.
/// </summary>
public sealed class DynamicClient
{
    private readonly RestClient _rest;
    private readonly string _defaultNamespace;

    internal DynamicClient(RestClient rest, DiscoveryClient discovery, string defaultNamespace)
    {
        _rest = rest;
        Discovery = discovery;
        _defaultNamespace = defaultNamespace;
    }

    /// <summary>The discovery client used to resolve kinds.</summary>
    public DiscoveryClient Discovery { get; }

    /// <summary>
    /// A client for <paramref name="resource"/>: <paramref name="namespaced"/> says whether it lives in namespaces;
    /// <paramref name="namespace"/> null means the configured default, empty means all namespaces.
    /// </summary>
    public DynamicResourceClient Resource(GroupVersionResource resource, bool namespaced, string? @namespace = null) =>
        new(_rest, resource, namespaced, namespaced ? @namespace ?? _defaultNamespace : "");

    /// <summary>
    /// The client for the resource serving <paramref name="apiVersion"/>/<paramref name="kind"/>, found with discovery
    /// (<c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c>, cached; refreshed once when the kind is not there).
    /// </summary>
    /// <exception cref="KubernetesApiException">The group/version is not served (404).</exception>
    /// <exception cref="KeyNotFoundException">The group/version is served but has no such kind.</exception>
    public async Task<DynamicResourceClient> ResourceForKindAsync(string apiVersion, string kind, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        var (resource, namespaced) = await Discovery.FindResourceAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        return Resource(resource, namespaced, @namespace);
    }
}
