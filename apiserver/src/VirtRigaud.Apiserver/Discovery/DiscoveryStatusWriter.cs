using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>Writes a failure <see cref="Status"/> for the non-resource endpoints of this folder, OpenAPI and health.</summary>
internal static class DiscoveryStatusWriter
{
    /// <summary>Writes <paramref name="error"/>'s Status as JSON with its HTTP code.</summary>
    public static Task WriteAsync(HttpContext context, StatusException error)
    {
        var response = context.Response;
        response.StatusCode = error.Code;
        response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(error.Status, MachineryJsonContext.Default.Status);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>406 naming the media types the endpoint can produce.</summary>
    public static Task NotAcceptableAsync(HttpContext context, IEnumerable<string> accepted) =>
        WriteAsync(context, StatusException.NotAcceptable(accepted));
}
