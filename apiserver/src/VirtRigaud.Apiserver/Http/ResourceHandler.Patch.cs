using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// PATCH of the object or its <c>status</c>. The patch is applied to each fresh read inside the store's update loop,
    /// so a concurrent writer makes it re-apply rather than fail; <c>metadata.resourceVersion</c> in the patched
    /// object (from a merge patch or a JSON patch) is a precondition (409). A missing object is a 404.
    /// </summary>
    private async Task PatchAsync(string subresource)
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var mediaType = RequestBodyReader.MediaTypeOf(Request);
        PatchRequest.CheckMediaType(mediaType);
        var scope = WriteScope("PatchOptions", ForceErrors());
        var bytes = await RequestBodyReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var patch = PatchRequest.Parse(mediaType, bytes, quoteBody: !Kind.Sensitive);
        scope.DuplicateFields = patch.DuplicateFields;
        var updated = await _store.UpdateAsync(
            scope,
            _info.Name,
            subresource,
            (current, _) =>
            {
                var patched = patch.Apply(current, Conflict);
                CheckTypeMeta(patched, Kind.Kind, Kind.ApiVersion);
                CheckName(patched);
                return ValueTask.FromResult(patched);
            },
            _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status200OK, updated, format, Kind);
    }

    /// <summary><c>force</c> belongs to server-side apply only (ValidatePatchOptions).</summary>
    private FieldErrorList? ForceErrors() =>
        Query.ContainsKey("force")
            ? [FieldError.Forbidden(FieldPath.NewPath("force"), "may not be specified for non-apply patch")]
            : null;

    private StatusException Conflict(string detail) => StatusException.Conflict(Kind.Group, Kind.Plural, _info.Name, detail);
}
