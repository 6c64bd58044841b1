using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// A serialized document that never changes while the server runs (discovery, OpenAPI), with its entity tag: the quoted
/// upper-case hex SHA-512 of the bytes, as kube-apiserver computes it for aggregated discovery and OpenAPI. Immutable.
/// </summary>
internal sealed class CachedDocument
{
    public CachedDocument(byte[] body, string contentType)
    {
        Body = body;
        ContentType = contentType;
        Hash = Convert.ToHexString(SHA512.HashData(body));
        ETag = "\"" + Hash + "\"";
    }

    public byte[] Body { get; }

    public string ContentType { get; }

    /// <summary>The unquoted hash (what the OpenAPI v3 index puts into <c>?hash=</c>).</summary>
    public string Hash { get; }

    /// <summary>The quoted entity tag.</summary>
    public string ETag { get; }

    /// <summary>
    /// Writes the document with its <c>ETag</c>, or <c>304 Not Modified</c> without a body when the request's
    /// <c>If-None-Match</c> names this tag (or <c>*</c>). Sets only the response; never mutates the document.
    /// </summary>
    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ETag = ETag;
        if (Matches(context.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(ETag, StringComparison.Ordinal));
    }
}
