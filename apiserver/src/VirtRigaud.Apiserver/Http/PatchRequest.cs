using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Patch;
using VirtRigaud.Apiserver.OpenApi;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// A parsed PATCH body of one of the supported types (<see cref="PatchContentTypes.Supported"/>, the list OpenAPI
/// publishes): RFC 6902 JSON patch, RFC 7386 merge patch, or strategic merge patch. Parsed once; applied to each
/// fresh read of the object by <see cref="Apply"/>, which never changes its input. Server-side apply and anything
/// else is a 415 listing the supported types, which is what the garbage collector and kubectl expect.
/// </summary>
internal sealed class PatchRequest
{
    private readonly JsonPatch? _jsonPatch;
    private readonly JsonObject? _mergePatch;
    private readonly bool _strategic;

    private PatchRequest(string contentType, JsonPatch? jsonPatch, JsonObject? mergePatch, bool strategic, IReadOnlyList<string> duplicates)
    {
        ContentType = contentType;
        _jsonPatch = jsonPatch;
        _mergePatch = mergePatch;
        _strategic = strategic;
        DuplicateFields = duplicates;
    }

    /// <summary>The patch's media type.</summary>
    public string ContentType { get; }

    /// <summary>Keys the patch body repeated (merge and strategic patches), for <c>fieldValidation</c>.</summary>
    public IReadOnlyList<string> DuplicateFields { get; }

    /// <summary>415 unless the media type is a supported patch type.</summary>
    public static void CheckMediaType(string mediaType)
    {
        if (!PatchContentTypes.Supported.Contains(mediaType, StringComparer.Ordinal))
        {
            throw StatusException.UnsupportedMediaType(PatchContentTypes.Supported);
        }
    }

    /// <summary>
    /// Parses a patch body (400 on a syntax error, 413 for more than 10,000 JSON patch operations). A syntax error's
    /// message quotes the start of the body unless <paramref name="quoteBody"/> is false (patches of secrets).
    /// </summary>
    public static PatchRequest Parse(string mediaType, byte[] body, bool quoteBody = true)
    {
        CheckMediaType(mediaType);
        if (mediaType == PatchContentTypes.JsonPatch)
        {
            try
            {
                return new PatchRequest(mediaType, JsonPatch.Parse(body), null, false, []);
            }
            catch (JsonPatchFormatException e) when (e.Kind == JsonPatchErrorKind.TooManyOperations)
            {
                throw StatusException.RequestEntityTooLarge(e.Message);
            }
            catch (JsonPatchFormatException e)
            {
                throw StatusException.BadRequest(e.Message);
            }
        }

        var duplicates = DuplicateFieldFinder.Find(body);
        if (RequestBodyReader.ParseJson(body, "patch", duplicates.Count > 0, quoteBody) is not JsonObject obj)
        {
            throw StatusException.BadRequest("the patch must be a JSON object");
        }

        return new PatchRequest(mediaType, null, obj, mediaType == PatchContentTypes.StrategicMergePatch, duplicates);
    }

    /// <summary>
    /// The patched copy of <paramref name="current"/>. A failing JSON patch <c>test</c> of <c>/metadata/resourceVersion</c>
    /// is optimistic concurrency and answers 409 Conflict; other JSON patch failures are kube-apiserver's 422.
    /// </summary>
    public JsonObject Apply(JsonObject current, Func<string, StatusException> conflict)
    {
        JsonNode? result;
        if (_jsonPatch is not null)
        {
            try
            {
                result = _jsonPatch.Apply(current);
            }
            catch (JsonPatchApplyException e) when (e.Kind == JsonPatchErrorKind.TestFailed && e.Operation.Path.ToString() == "/metadata/resourceVersion")
            {
                throw conflict("the object has been modified; please apply your changes to the latest version and try again");
            }
            catch (JsonPatchApplyException e)
            {
                throw UnprocessableEntity(e.Message);
            }
        }
        else if (_strategic)
        {
            result = StrategicMergePatch.Apply(current, _mergePatch!);
        }
        else
        {
            result = JsonMergePatch.Apply(current, _mergePatch);
        }

        return result as JsonObject ?? throw UnprocessableEntity("the patched document is not a JSON object");
    }

    /// <summary>kube-apiserver's 422 for a patch that does not apply (NewGenericServerResponse).</summary>
    private static StatusException UnprocessableEntity(string message) => new(new Status
    {
        StatusValue = Status.Failure,
        Code = StatusCodes.Status422UnprocessableEntity,
        Reason = StatusReasons.Invalid,
        // kube-apiserver says only "the server rejected our request due to an error in our request" and hides the
        // reason in the cause; the reason is what the user needs, so it is the message too.
        Message = message,
        Details = new StatusDetails { Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = message }] },
    });
}
