using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>One operation of a path, independent of the OpenAPI version it is rendered in.</summary>
internal sealed record OpenApiOperation
{
    /// <summary>The lower-case HTTP method: <c>get</c>, <c>put</c>, <c>post</c>, <c>delete</c>, <c>patch</c>.</summary>
    public required string Method { get; init; }

    /// <summary>kube-apiserver's operation id, e.g. <c>listInfraVirtrigaudIoV1beta1NamespacedVirtualMachine</c>.</summary>
    public required string OperationId { get; init; }

    /// <summary>The <c>x-kubernetes-action</c>: get, list, put, post, patch, delete, deletecollection.</summary>
    public required string Action { get; init; }

    public required string Description { get; init; }

    /// <summary>The operation's tag, the group version's (<c>core_v1</c>, <c>infraVirtrigaudIo_v1beta1</c>).</summary>
    public string Tag { get; init; } = "";

    /// <summary>The kind the operation acts on (<c>x-kubernetes-group-version-kind</c>, a single object on operations).</summary>
    public required GroupVersionKind Kind { get; init; }

    public required IReadOnlyList<OpenApiParameter> Query { get; init; }

    /// <summary>The definition of the request body, or <c>null</c> when the operation takes none.</summary>
    public string? Body { get; init; }

    public bool BodyRequired { get; init; }

    /// <summary>Whether the body is a patch (its media types are <see cref="PatchContentTypes.Supported"/>).</summary>
    public bool IsPatch { get; init; }

    /// <summary>Whether the operation can stream a watch (list operations with <c>watch=true</c>).</summary>
    public bool Watchable { get; init; }

    public required IReadOnlyList<OpenApiResponse> Responses { get; init; }
}
