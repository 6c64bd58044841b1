using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Dynamic;

/// <summary>
/// The verbs of one resource on untyped objects (<see cref="JsonObject"/>), with the same semantics as
/// <see cref="ResourceClient{T}"/>. Objects passed in are not modified. Thread-safe.
/// </summary>
public sealed class DynamicResourceClient
{
    private readonly RestClient _rest;

    internal DynamicResourceClient(RestClient rest, GroupVersionResource resource, bool namespaced, string @namespace)
    {
        _rest = rest;
        Resource = resource;
        Namespaced = namespaced;
        Namespace = @namespace;
    }

    public GroupVersionResource Resource { get; }

    public bool Namespaced { get; }

    /// <summary>The namespace; empty for all namespaces or a cluster-scoped resource.</summary>
    public string Namespace { get; }

    /// <summary>Reads one object.</summary>
    public Task<JsonObject> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Get, Path(RequireNamespace(), name)), DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Lists objects (one page when <see cref="ListOptions.Limit"/> is set).</summary>
    public Task<ObjectList<JsonObject>> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Get, Path(Namespace, null), QueryParameters.List(options ?? ListOptions.Empty, watch: false)),
            DynamicJsonContext.Default.ObjectListJsonObject, cancellationToken);

    /// <summary>Watches objects (see <see cref="IListWatch{T}.WatchAsync"/>).</summary>
    public IAsyncEnumerable<WatchEvent<JsonObject>> WatchAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        _rest.WatchAsync(Request(HttpMethod.Get, Path(Namespace, null), QueryParameters.List(options, watch: true)),
            DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Creates an object.</summary>
    public Task<JsonObject> CreateAsync(JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Post, Path(NamespaceOf(obj), null), QueryParameters.Write(options), Serialize(obj)), DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Replaces an object (compare-and-swap when it carries <c>metadata.resourceVersion</c>).</summary>
    public Task<JsonObject> UpdateAsync(JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Put, Path(NamespaceOf(obj), NameOf(obj)), QueryParameters.Write(options), Serialize(obj)), DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Replaces an object's status.</summary>
    public Task<JsonObject> UpdateStatusAsync(JsonObject obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Put, Path(NamespaceOf(obj), NameOf(obj), "status"), QueryParameters.Write(options), Serialize(obj)), DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Patches an object (or a subresource of it).</summary>
    public Task<JsonObject> PatchAsync(string name, KubernetesPatch patch, WriteOptions? options = null, string? subresource = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Patch, Path(RequireNamespace(), name, subresource), QueryParameters.Write(options), patch.Body, patch.ContentType), DynamicJsonContext.Default.JsonObject, cancellationToken);

    /// <summary>Deletes an object; returns it when it still exists afterwards (finalizers pending), else null.</summary>
    public async Task<JsonObject?> DeleteAsync(string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, MachineryJsonContext.Default.DeleteOptions);
        using var response = await _rest.SendAsync(Request(HttpMethod.Delete, Path(RequireNamespace(), name), [], body), cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return RestClient.TryDecodeStatus(bytes) is not null ? null : JsonSerializer.Deserialize(bytes, DynamicJsonContext.Default.JsonObject);
    }

    /// <summary>Deletes every object matching the selectors.</summary>
    public async Task DeleteCollectionAsync(ListOptions? listOptions = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, MachineryJsonContext.Default.DeleteOptions);
        using var response = await _rest.SendAsync(
            Request(HttpMethod.Delete, Path(Namespace, null), QueryParameters.List(listOptions ?? ListOptions.Empty, watch: false), body),
            cancellationToken).ConfigureAwait(false);
    }

    private static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, DynamicJsonContext.Default.JsonObject);

    private static RestRequest Request(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>>? query = null, byte[]? body = null, string contentType = ContentTypes.Json) => new()
    {
        Method = method,
        Path = path,
        Query = query ?? [],
        Body = body,
        ContentType = contentType,
    };

    private string Path(string @namespace, string? name, string? subresource = null) => new ResourcePath
    {
        Group = Resource.Group,
        Version = Resource.Version,
        Resource = Resource.Resource,
        Namespace = Namespaced && @namespace.Length > 0 ? @namespace : null,
        Name = name,
        Subresource = subresource,
    }.ToString();

    private string RequireNamespace() =>
        Namespaced && Namespace.Length == 0
            ? throw new InvalidOperationException($"{Resource.GroupResource}: a request for one object needs a namespace; this client spans all namespaces")
            : Namespace;

    private string NamespaceOf(JsonObject obj)
    {
        if (!Namespaced)
        {
            return "";
        }

        var objectNamespace = (obj["metadata"] as JsonObject)?["namespace"]?.GetValue<string>();
        if (Namespace.Length == 0)
        {
            return string.IsNullOrEmpty(objectNamespace)
                ? throw new InvalidOperationException($"{Resource.GroupResource}: set metadata.namespace or use a namespaced client")
                : objectNamespace;
        }

        return string.IsNullOrEmpty(objectNamespace) || objectNamespace == Namespace
            ? Namespace
            : throw new ArgumentException($"the object's namespace \"{objectNamespace}\" does not match the client's \"{Namespace}\"", nameof(obj));
    }

    private static string NameOf(JsonObject obj) =>
        (obj["metadata"] as JsonObject)?["name"]?.GetValue<string>() is { Length: > 0 } name
            ? name
            : throw new ArgumentException("the object has no metadata.name", nameof(obj));
}
