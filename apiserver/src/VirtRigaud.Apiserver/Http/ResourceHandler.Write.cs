using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>POST: create (201, also for a dry run, as kube-apiserver).</summary>
    private async Task CreateAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var scope = WriteScope("CreateOptions");
        var body = await ReadObjectBodyAsync(Kind.Kind, Kind.ApiVersion);
        var created = await _store.CreateAsync(scope, body.Object, _cancellationToken);
        await WriteObjectAsync(StatusCodes.Status201Created, created, format, Kind);
    }

    /// <summary>
    /// PUT of the object or its <c>status</c>: the body must name the URL's object; a stale resourceVersion is 409. A
    /// missing object is a 404, except for resources that allow create on update (events, leases: the object is
    /// created, 201), as kube-apiserver's store does; custom resources cannot be created by PUT.
    /// </summary>
    private async Task UpdateAsync(string subresource)
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var scope = WriteScope("UpdateOptions");
        var body = await ReadObjectBodyAsync(Kind.Kind, Kind.ApiVersion);
        CheckName(body.Object);
        JsonObject updated;
        try
        {
            updated = await _store.UpdateAsync(scope, _info.Name, subresource, (_, _) => ValueTask.FromResult((JsonObject)body.Object.DeepClone()), _cancellationToken);
        }
        catch (StatusException e) when (e.Code == StatusCodes.Status404NotFound && subresource.Length == 0 && Kind.AllowCreateOnUpdate)
        {
            var obj = (JsonObject)body.Object.DeepClone();
            ObjectJson.SetString(obj, "resourceVersion", null);
            var created = await _store.CreateAsync(scope, obj, _cancellationToken);
            await WriteObjectAsync(StatusCodes.Status201Created, created, format, Kind);
            return;
        }

        await WriteObjectAsync(StatusCodes.Status200OK, updated, format, Kind);
    }

    /// <summary>
    /// DELETE of one object. Gone at once: 200 with a Success Status naming it (what kube-apiserver's store answers for
    /// custom resources); still there because of finalizers: 200 with the object as marked, 202 when the request set
    /// <c>orphanDependents=false</c> (kube-apiserver's legacy rule).
    /// </summary>
    private async Task DeleteAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: false, watch: false);
        var options = await DeleteOptionsReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var scope = _scope = new RequestScope { User = _user, Namespace = _info.Namespace, DryRun = DeleteOptionsReader.IsDryRun(options) };
        var result = await _store.DeleteAsync(scope, _info.Name, options, _cancellationToken);
        if (result.Deleted)
        {
            var status = new Status
            {
                StatusValue = Status.Success,
                Details = new StatusDetails
                {
                    Name = ObjectJson.Name(result.Object),
                    Group = Kind.Group.Length == 0 ? null : Kind.Group,
                    Kind = Kind.Plural,
                    Uid = ObjectJson.Uid(result.Object),
                },
            };
            await ApiResponses.WriteAsync(_http, StatusCodes.Status200OK, ApiResponses.StatusNode(status), format, Warnings, _cancellationToken);
            return;
        }

        var code = options.OrphanDependents == false ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        await ApiResponses.WriteAsync(_http, code, result.Object, format, Warnings, _cancellationToken);
    }

    /// <summary>DELETE of the collection: every object of the namespace the selectors match; answers with the list of them.</summary>
    private async Task DeleteCollectionAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: true, watch: false);
        var query = ListQueryParser.Parse(Query, watch: false);
        var options = await DeleteOptionsReader.ReadAsync(Request, _options.MaxRequestBodyBytes, _cancellationToken);
        var scope = _scope = new RequestScope { User = _user, Namespace = _info.Namespace, DryRun = DeleteOptionsReader.IsDryRun(options) };
        var result = await _store.DeleteCollectionAsync(scope, query, options, _cancellationToken);
        await WriteListAsync(result.Items, ListMetaFields.At(result.ResourceVersion), format);
    }
}
