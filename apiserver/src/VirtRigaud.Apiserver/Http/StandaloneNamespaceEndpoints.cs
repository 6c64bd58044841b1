using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// <c>GET /api/v1/namespaces/{name}</c> for a server running without kube-apiserver. Standalone, namespaces need not
/// be created before use, so every valid name is an Active namespace. kubectl asks for the namespace after a NotFound
/// in any namespace but <c>default</c> to phrase its message; without this answer it prints "the server could not find
/// the requested resource" instead of the object's own NotFound. Inside a cluster kube-apiserver serves namespaces and
/// this endpoint is never reached. The core group is not advertised in discovery.
/// </summary>
public static class StandaloneNamespaceEndpoints
{
    public static IEndpointRouteBuilder MapStandaloneNamespaceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v1/namespaces/{name}", ["GET", "HEAD"], ServeAsync);
        return app;
    }

    private static Task ServeAsync(HttpContext context, string name)
    {
        var ct = context.RequestAborted;
        if (NameValidation.IsDns1123Label(name).Count > 0)
        {
            return ApiResponses.WriteStatusAsync(context, StatusException.NotFound("", "namespaces", name).Status, null, ct);
        }

        var ns = new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
        return ApiResponses.WriteAsync(context, StatusCodes.Status200OK, ns, ContentNegotiator.ForStatus(context.Request), null, ct);
    }
}
