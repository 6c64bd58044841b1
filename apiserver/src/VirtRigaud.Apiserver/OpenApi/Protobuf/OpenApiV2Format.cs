namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>The representations of the OpenAPI v2 document a request can get.</summary>
internal enum OpenApiV2Format
{
    /// <summary>Nothing the request accepts: 406.</summary>
    None,

    /// <summary>Swagger 2.0 JSON (<c>application/json</c>).</summary>
    Json,

    /// <summary>gnostic's protobuf <c>openapi_v2.Document</c>.</summary>
    Protobuf,
}
