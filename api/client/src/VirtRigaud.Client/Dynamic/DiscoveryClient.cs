using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Discovery;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Dynamic;

/// <summary>
/// Reads the server's discovery documents (legacy form: <c>/api</c>, <c>/apis</c>, <c>/api/v1</c>,
/// <c>/apis/&lt;group&gt;/&lt;version&gt;</c>) and caches each group/version's resource list, as client-go's memory
/// cache does: a kind missing from a cached list refreshes that list once before giving up; <see cref="Invalidate"/>
/// drops everything. Thread-safe.
/// </summary>
public sealed class DiscoveryClient
{
    private readonly RestClient _rest;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ApiResourceList> _resources = new(StringComparer.Ordinal);

    internal DiscoveryClient(RestClient rest, ILogger logger)
    {
        _rest = rest;
        _logger = logger;
    }

    /// <summary>The core group's versions (<c>GET /api</c>).</summary>
    public Task<ApiVersions> GetCoreVersionsAsync(CancellationToken cancellationToken = default) =>
        _rest.SendAsync(new RestRequest { Method = HttpMethod.Get, Path = "/api" }, DynamicJsonContext.Default.ApiVersions, cancellationToken);

    /// <summary>The named groups (<c>GET /apis</c>).</summary>
    public Task<ApiGroupList> GetGroupsAsync(CancellationToken cancellationToken = default) =>
        _rest.SendAsync(new RestRequest { Method = HttpMethod.Get, Path = "/apis" }, DynamicJsonContext.Default.ApiGroupList, cancellationToken);

    /// <summary>The resources of one group/version (<c>v1</c> or <c>group/version</c>), from the cache when present.</summary>
    /// <exception cref="KubernetesApiException">404 when the server does not serve it.</exception>
    public async Task<ApiResourceList> GetResourcesAsync(string groupVersion, CancellationToken cancellationToken = default) =>
        _resources.TryGetValue(groupVersion, out var cached) ? cached : await FetchAsync(groupVersion, cancellationToken).ConfigureAwait(false);

    /// <summary>The resource (and its scope) serving a kind; subresources are never returned.</summary>
    /// <exception cref="KubernetesApiException">The group/version is not served.</exception>
    /// <exception cref="KeyNotFoundException">It is served but has no such kind.</exception>
    public async Task<(GroupVersionResource Resource, bool Namespaced)> FindResourceAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        var list = await GetResourcesAsync(apiVersion, cancellationToken).ConfigureAwait(false);
        var found = Find(list, kind);
        if (found is null)
        {
            // The cache may predate the kind (a CRD or APIService added since): look once more.
            list = await FetchAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            found = Find(list, kind) ?? throw new KeyNotFoundException($"no resource of kind \"{kind}\" in {apiVersion}");
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return (new GroupVersionResource(group, version, found.Name), found.Namespaced);
    }

    /// <summary>Drops every cached resource list.</summary>
    public void Invalidate() => _resources.Clear();

    private static ApiResource? Find(ApiResourceList list, string kind) =>
        list.Resources.FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/', StringComparison.Ordinal));

    private async Task<ApiResourceList> FetchAsync(string groupVersion, CancellationToken cancellationToken)
    {
        var path = groupVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" + groupVersion : "/api/" + groupVersion;
        var list = await _rest.SendAsync(new RestRequest { Method = HttpMethod.Get, Path = path }, DynamicJsonContext.Default.ApiResourceList, cancellationToken)
            .ConfigureAwait(false);
        _resources[groupVersion] = list;
        ClientLog.DiscoveryCached(_logger, path, list.Resources.Count);
        return list;
    }
}
