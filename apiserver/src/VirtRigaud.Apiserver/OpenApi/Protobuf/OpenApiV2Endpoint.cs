using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi.Protobuf;

/// <summary>
/// Serves the OpenAPI v2 document in the representation the request negotiates (<see cref="OpenApiV2Negotiation"/>):
/// JSON, or gnostic protobuf — which kubectl 1.20 to 1.28 request for explain and client-side validation — answered
/// with <see cref="OpenApiV2Protobuf.MediaType"/> as kube-apiserver does. Each representation carries its own entity
/// tag and honours <c>If-None-Match</c>; every answer says <c>Vary: Accept</c>.
/// </summary>
internal static class OpenApiV2Endpoint
{
    /// <summary>
    /// The protobuf-only path of kube-apiserver before 1.14, which client-go still falls back to when
    /// <c>/openapi/v2</c> answers 403, 404 or 406.
    /// </summary>
    public const string LegacyProtobufPath = "/swagger-2.0.0.pb-v1";

    private static readonly string[] Accepted = ["application/json", OpenApiV2Protobuf.MediaType];

    /// <summary>Answers <c>GET</c>/<c>HEAD /openapi/v2</c>; sets only the response.</summary>
    public static Task ServeAsync(HttpContext context)
    {
        context.Response.Headers.Vary = "Accept";
        var documents = Documents(context);
        return OpenApiV2Negotiation.Select(context.Request.Headers.Accept) switch
        {
            OpenApiV2Format.Json => documents.V2Document.WriteAsync(context),
            OpenApiV2Format.Protobuf => documents.V2ProtobufDocument.WriteAsync(context),
            _ => DiscoveryStatusWriter.NotAcceptableAsync(context, Accepted),
        };
    }

    /// <summary>
    /// Answers <c>GET</c>/<c>HEAD</c> <see cref="LegacyProtobufPath"/> with the protobuf document whatever the Accept
    /// header says (clients send <c>application/json, */*</c> there, and the path only ever served protobuf).
    /// </summary>
    public static Task ServeLegacyAsync(HttpContext context) => Documents(context).V2ProtobufDocument.WriteAsync(context);

    private static OpenApiDocuments Documents(HttpContext context) => context.RequestServices.GetRequiredService<ApiCatalog>().OpenApi;
}
