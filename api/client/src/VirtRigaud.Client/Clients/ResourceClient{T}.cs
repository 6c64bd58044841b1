using System.Runtime.CompilerServices;
using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Client.Rest;

namespace VirtRigaud.Client.Clients;

/// <summary>
/// A typed client for one resource (client-go's generated typed clients, as one generic class), scoped to one
/// namespace, to all namespaces (<see cref="AllNamespaces"/>, for namespaced resources: list, watch and writes that
/// take the namespace from the object), or cluster-scoped. Every call is one request (no caching); every method takes
/// a cancellation token; errors are <see cref="KubernetesApiException"/>s carrying the server's Status.
/// Thread-safe and cheap: create as many as convenient over one <see cref="RestClient"/>.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceClient<T> : IListWatch<T>
    where T : class, IKubernetesObject
{
    /// <summary>The namespace value meaning "all namespaces" (client-go's <c>metav1.NamespaceAll</c>).</summary>
    public const string AllNamespaces = "";

    // kubectl and client-go's pager use 500 items per page.
    private const long DefaultPageSize = 500;

    private readonly RestClient _rest;

    /// <summary>Creates a client.</summary>
    /// <param name="rest">The HTTP layer (shared).</param>
    /// <param name="definition">The resource.</param>
    /// <param name="namespace">The namespace for a namespaced resource (<see cref="AllNamespaces"/> for all); must be empty for a cluster-scoped one.</param>
    /// <exception cref="ArgumentException">A namespace was given for a cluster-scoped resource.</exception>
    public ResourceClient(RestClient rest, ResourceDefinition<T> definition, string @namespace)
    {
        if (!definition.Namespaced && @namespace.Length > 0)
        {
            throw new ArgumentException($"{definition} is cluster-scoped; it has no namespace (got \"{@namespace}\")", nameof(@namespace));
        }

        _rest = rest;
        Definition = definition;
        Namespace = @namespace;
    }

    /// <summary>The resource.</summary>
    public ResourceDefinition<T> Definition { get; }

    /// <summary>The namespace; empty for all namespaces or a cluster-scoped resource.</summary>
    public string Namespace { get; }

    /// <summary>The same resource in another namespace.</summary>
    public ResourceClient<T> InNamespace(string @namespace) => new(_rest, Definition, @namespace);

    /// <summary>Reads one object.</summary>
    /// <exception cref="KubernetesApiException">404 when it does not exist.</exception>
    public Task<T> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Get, Path(NamespaceForName(), name)), Definition.TypeInfo, cancellationToken);

    /// <summary>Lists objects, one page when <see cref="ListOptions.Limit"/> is set (see <see cref="IListWatch{T}.ListAsync"/>).</summary>
    public Task<ObjectList<T>> ListAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Get, Path(Namespace, null), QueryParameters.List(options, watch: false)), Definition.ListTypeInfo, cancellationToken);

    /// <summary>Lists objects with default options.</summary>
    public Task<ObjectList<T>> ListAsync(CancellationToken cancellationToken = default) => ListAsync(ListOptions.Empty, cancellationToken);

    /// <summary>
    /// Lists every object, following <c>continue</c> tokens page by page (<paramref name="pageSize"/> items each, as
    /// client-go's pager). The result's <c>resourceVersion</c> is the first page's: continue tokens keep the list
    /// a consistent snapshot. A 410 on a continue token (the snapshot was compacted) is thrown; list again.
    /// </summary>
    public async Task<ObjectList<T>> ListAllAsync(ListOptions? options = null, long pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        options = (options ?? ListOptions.Empty) with { Limit = pageSize, Continue = null };
        var first = await ListAsync(options, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(first.Metadata.Continue))
        {
            return first;
        }

        var items = new List<T>(first.Items);
        var page = first;
        while (!string.IsNullOrEmpty(page.Metadata.Continue))
        {
            // The continue token carries the snapshot's resource version; sending one too is a 422.
            page = await ListAsync(options with { Continue = page.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null }, cancellationToken)
                .ConfigureAwait(false);
            items.AddRange(page.Items);
        }

        return first with { Metadata = first.Metadata with { Continue = null, RemainingItemCount = null }, Items = items };
    }

    /// <summary>Watches objects (see <see cref="IListWatch{T}.WatchAsync"/> for the event contract).</summary>
    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(ListOptions options, CancellationToken cancellationToken = default) =>
        _rest.WatchAsync(Request(HttpMethod.Get, Path(Namespace, null), QueryParameters.List(options, watch: true)), Definition.TypeInfo, cancellationToken);

    /// <summary>Creates an object (in this client's namespace, or the object's when the client spans all namespaces).</summary>
    /// <returns>The stored object (defaults applied, uid/resourceVersion set).</returns>
    /// <exception cref="KubernetesApiException">409 AlreadyExists, 422 Invalid (see <see cref="KubernetesApiException.Causes"/>), …</exception>
    public Task<T> CreateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Post, Path(NamespaceFor(obj), null), QueryParameters.Write(options), Serialize(obj)), Definition.TypeInfo, cancellationToken);

    /// <summary>
    /// Replaces an object (<c>PUT</c>); with <c>metadata.resourceVersion</c> set it is a compare-and-swap (409 Conflict
    /// when the object changed since). The main resource ignores <c>status</c>.
    /// </summary>
    public Task<T> UpdateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Put, Path(NamespaceFor(obj), NameOf(obj)), QueryParameters.Write(options), Serialize(obj)), Definition.TypeInfo, cancellationToken);

    /// <summary>Replaces an object's <c>status</c> (<c>PUT …/status</c>); spec and metadata changes in it are ignored.</summary>
    public Task<T> UpdateStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Put, Path(NamespaceFor(obj), NameOf(obj), "status"), QueryParameters.Write(options), Serialize(obj)), Definition.TypeInfo, cancellationToken);

    /// <summary>Patches an object; <c>metadata.resourceVersion</c> inside the patch is a precondition (409).</summary>
    public Task<T> PatchAsync(string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Patch, Path(NamespaceForName(), name), QueryParameters.Write(options), patch.Body, patch.ContentType), Definition.TypeInfo, cancellationToken);

    /// <summary>Patches an object's <c>status</c>.</summary>
    public Task<T> PatchStatusAsync(string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Patch, Path(NamespaceForName(), name, "status"), QueryParameters.Write(options), patch.Body, patch.ContentType), Definition.TypeInfo, cancellationToken);

    /// <summary>
    /// Server-side apply of <paramref name="configuration"/> (sent as JSON, which is valid YAML, with
    /// <c>application/apply-patch+yaml</c>): creates the object if absent, else merges the fields this manager owns.
    /// A server without server-side apply answers 415 (<see cref="KubernetesApiException.IsUnsupportedMediaType"/>);
    /// our API server does today — use <see cref="PatchAsync"/> with a merge patch there.
    /// </summary>
    public Task<T> ApplyAsync(T configuration, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>> { new("fieldManager", options.FieldManager) };
        if (options.Force)
        {
            query.Add(new("force", "true"));
        }

        QueryParameters.AddWrite(query, options.DryRun, null, options.FieldValidation);
        return _rest.SendAsync(
            Request(HttpMethod.Patch, Path(NamespaceFor(configuration), NameOf(configuration)), query, Serialize(configuration), ContentTypes.ApplyPatch),
            Definition.TypeInfo,
            cancellationToken);
    }

    /// <summary>
    /// Deletes an object. Returns the object when it still exists afterwards (finalizers or foreground deletion pending:
    /// it carries <c>deletionTimestamp</c>), or null when it is gone.
    /// </summary>
    /// <exception cref="KubernetesApiException">404 when it does not exist; 409 when a precondition fails.</exception>
    public async Task<T?> DeleteAsync(string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, MachineryJsonContext.Default.DeleteOptions);
        using var response = await _rest.SendAsync(Request(HttpMethod.Delete, Path(NamespaceForName(), name), [], body), cancellationToken)
            .ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return RestClient.TryDecodeStatus(bytes) is not null ? null : JsonSerializer.Deserialize(bytes, Definition.TypeInfo);
    }

    /// <summary>Deletes every object matching the selectors of <paramref name="listOptions"/> (<c>deletecollection</c>).</summary>
    public async Task DeleteCollectionAsync(ListOptions? listOptions = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = options is null ? null : JsonSerializer.SerializeToUtf8Bytes(options, MachineryJsonContext.Default.DeleteOptions);
        using var response = await _rest.SendAsync(
            Request(HttpMethod.Delete, Path(Namespace, null), QueryParameters.List(listOptions ?? ListOptions.Empty, watch: false), body),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the <c>scale</c> subresource (autoscaling/v1 Scale) of a kind that has one (VMSet).</summary>
    public Task<Scale> GetScaleAsync(string name, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Get, Path(NamespaceForName(), name, "scale")), MachineryJsonContext.Default.Scale, cancellationToken);

    /// <summary>Replaces the scale; a <c>metadata.resourceVersion</c> in it is a precondition (409).</summary>
    public Task<Scale> UpdateScaleAsync(string name, Scale scale, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            Request(HttpMethod.Put, Path(NamespaceForName(), name, "scale"), QueryParameters.Write(options), JsonSerializer.SerializeToUtf8Bytes(scale, MachineryJsonContext.Default.Scale)),
            MachineryJsonContext.Default.Scale,
            cancellationToken);

    /// <summary>Patches the scale (e.g. a merge patch <c>{"spec":{"replicas":3}}</c>).</summary>
    public Task<Scale> PatchScaleAsync(string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(HttpMethod.Patch, Path(NamespaceForName(), name, "scale"), QueryParameters.Write(options), patch.Body, patch.ContentType), MachineryJsonContext.Default.Scale, cancellationToken);

    /// <summary>
    /// Sends a request to a subresource of one object and decodes the answer — for subresources without a dedicated
    /// method (see <see cref="VirtualMachineClientExtensions"/>).
    /// </summary>
    public Task<TResult> SendSubresourceAsync<TResult>(
        HttpMethod method,
        string name,
        string subresource,
        byte[]? body,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> resultTypeInfo,
        IReadOnlyList<KeyValuePair<string, string>>? query = null,
        CancellationToken cancellationToken = default) =>
        _rest.SendAsync(Request(method, Path(NamespaceForName(), name, subresource), query ?? [], body), resultTypeInfo, cancellationToken);

    private byte[] Serialize(T obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Definition.TypeInfo);

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
        Group = Definition.Group,
        Version = Definition.Version,
        Resource = Definition.Plural,
        Namespace = Definition.Namespaced && @namespace.Length > 0 ? @namespace : null,
        Name = name,
        Subresource = subresource,
    }.ToString();

    // A request for one named object needs a namespace: the client's.
    private string NamespaceForName([CallerMemberName] string operation = "") =>
        Definition.Namespaced && Namespace.Length == 0
            ? throw new InvalidOperationException($"{operation} on {Definition} needs a namespace; this client spans all namespaces (use InNamespace)")
            : Namespace;

    // A write of an object goes to the client's namespace, or the object's when the client spans all namespaces.
    private string NamespaceFor(T obj, [CallerMemberName] string operation = "")
    {
        if (!Definition.Namespaced)
        {
            return "";
        }

        var objectNamespace = obj.Metadata.Namespace;
        if (Namespace.Length == 0)
        {
            return string.IsNullOrEmpty(objectNamespace)
                ? throw new InvalidOperationException($"{operation} on {Definition} needs a namespace: set metadata.namespace or use InNamespace")
                : objectNamespace;
        }

        return string.IsNullOrEmpty(objectNamespace) || objectNamespace == Namespace
            ? Namespace
            : throw new ArgumentException($"the object's namespace \"{objectNamespace}\" does not match the client's \"{Namespace}\"", nameof(obj));
    }

    private static string NameOf(T obj) =>
        string.IsNullOrEmpty(obj.Metadata.Name) ? throw new ArgumentException("the object has no metadata.name", nameof(obj)) : obj.Metadata.Name;
}
