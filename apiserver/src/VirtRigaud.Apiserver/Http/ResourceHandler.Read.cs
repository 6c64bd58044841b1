using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>GET of one object (or of its <c>status</c>, which is the same object).</summary>
    private async Task GetAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var obj = await _store.GetAsync(ReadScope(), _info.Name, ListQueryParser.First(Query, "resourceVersion"), _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status200OK, obj, format, Kind);
    }

    /// <summary>LIST in one namespace or across all, with selectors, paging and resourceVersion semantics.</summary>
    private async Task ListAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var query = ListQueryParser.Parse(Query, watch: false);
        var result = await _store.ListAsync(ReadScope(), query, _cancellationToken);
        await WriteListAsync(result.Items, ListMetaFields.At(result.ResourceVersion, result.Continue, result.RemainingItemCount), format);
    }

    /// <summary>
    /// Writes one object in the negotiated form. <paramref name="tableKind"/> gives the Table columns (null: the
    /// default Name and Created At columns); a PartialObjectMetadataList is not acceptable for one object.
    /// </summary>
    private Task WriteObjectAsync(int statusCode, JsonObject obj, ResponseFormat format, ResourceDefinition? tableKind)
    {
        JsonNode body = format.Target switch
        {
            ResponseTarget.Object => obj,
            ResponseTarget.Table => ObjectTransforms.Table(
                [obj], tableKind, new ListMetaFields(ObjectTransforms.Meta(obj, "resourceVersion") ?? ""), ObjectTransforms.IncludeObject(Query), format, _time.GetUtcNow()),
            ResponseTarget.PartialObjectMetadata => ObjectTransforms.PartialObjectMetadata(obj, format, Kind.Sensitive),
            _ => throw StatusException.NotAcceptable("you requested PartialObjectMetadataList, but the requested object is not a list"),
        };
        return ApiResponses.WriteAsync(_http, statusCode, body, format, Warnings, _cancellationToken);
    }

    /// <summary>Writes a list of this kind in the negotiated form; PartialObjectMetadata (without List) is not acceptable for a list.</summary>
    private Task WriteListAsync(IReadOnlyList<JsonObject> items, ListMetaFields listMeta, ResponseFormat format)
    {
        switch (format.Target)
        {
            case ResponseTarget.Object:
                var head = new JsonObject
                {
                    ["apiVersion"] = Kind.ApiVersion,
                    ["kind"] = Kind.ListKind,
                    ["metadata"] = listMeta.ToJson(),
                };
                return ApiResponses.WriteListAsync(_http, new ListBody(head, items), format, Warnings, _cancellationToken);
            case ResponseTarget.Table:
                var table = ObjectTransforms.Table(items, Kind, listMeta, ObjectTransforms.IncludeObject(Query), format, _time.GetUtcNow());
                return ApiResponses.WriteAsync(_http, StatusCodes.Status200OK, table, format, Warnings, _cancellationToken);
            case ResponseTarget.PartialObjectMetadataList:
                var list = ObjectTransforms.PartialObjectMetadataList(items, listMeta, format, Kind.Sensitive);
                return ApiResponses.WriteAsync(_http, StatusCodes.Status200OK, list, format, Warnings, _cancellationToken);
            default:
                throw StatusException.NotAcceptable("you requested PartialObjectMetadata, but the requested object is a list");
        }
    }
}
