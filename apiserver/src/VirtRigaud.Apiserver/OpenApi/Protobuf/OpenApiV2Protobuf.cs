namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>
/// The protobuf form of <c>/openapi/v2</c>: gnostic's <c>openapi_v2.Document</c> compiled from the JSON document that
/// <see cref="OpenApiDocuments"/> serves (one source of truth), encoded once per catalog on first use.
/// </summary>
internal static class OpenApiV2Protobuf
{
    /// <summary>The media type kubectl and client-go up to 1.28 request (the <c>@</c> form kube-openapi deprecated).</summary>
    public const string DeprecatedMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>The media type kube-apiserver answers with, whichever of the two forms was requested.</summary>
    public const string MediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
}
