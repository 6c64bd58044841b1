namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// What a request is about, parsed from its path, method and query the way k8s.io/apiserver's RequestInfoFactory does:
/// the input of authorization and of dispatch to a resource handler.
/// </summary>
/// <remarks>
/// Resource paths: <c>/apis/{group}/{version}/[namespaces/{namespace}/]{resource}[/{name}[/{subresource}]]</c>, also
/// the legacy <c>/apis/{group}/{version}/watch/...</c> form. Verbs: get, list, watch, create, update, patch, delete,
/// deletecollection (and the HTTP method in lower case for non-resource paths).
/// </remarks>
public sealed record RequestInfo
{
    /// <summary>True for paths below <c>/apis/{group}/{version}/</c> naming a resource; false for discovery, OpenAPI, health…</summary>
    public bool IsResourceRequest { get; init; }

    /// <summary>The URL path, unescaped.</summary>
    public required string Path { get; init; }

    /// <summary>The Kubernetes verb (lower case).</summary>
    public required string Verb { get; init; }

    /// <summary><c>apis</c> or <c>api</c> for API paths, empty otherwise.</summary>
    public string ApiPrefix { get; init; } = "";

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    /// <summary>The namespace of the request, empty for cluster-wide requests (including lists across all namespaces).</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The resource (plural, lower case), empty for non-resource requests.</summary>
    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The path segments after the group and version.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>The resource with its subresource, as authorization and error messages name it (<c>virtualmachines/status</c>).</summary>
    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
}
