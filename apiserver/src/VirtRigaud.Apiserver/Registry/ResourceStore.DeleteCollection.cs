using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry;

public sealed partial class ResourceStore
{
    /// <summary>
    /// DELETECOLLECTION (registry.Store.DeleteCollection): lists the scope's namespace with the query's selectors and
    /// deletes each item with <paramref name="options"/> (propagation, preconditions and dry run apply to each), skipping
    /// items that disappeared meanwhile. Returns the items as they were listed, at the list's revision, as
    /// kube-apiserver answers. Objects with finalizers are only marked for deletion, as by a single DELETE.
    /// </summary>
    public async Task<ObjectListResult> DeleteCollectionAsync(RequestScope scope, ListQuery query, DeleteOptions options, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(scope, query, cancellationToken);
        var deleted = new List<JsonObject>(listed.Items.Count);
        foreach (var item in listed.Items)
        {
            var itemScope = scope.Namespace.Length > 0 ? scope : new RequestScope
            {
                User = scope.User,
                Namespace = ObjectJson.Namespace(item),
                DryRun = scope.DryRun,
                FieldManager = scope.FieldManager,
                FieldValidation = scope.FieldValidation,
            };
            try
            {
                await DeleteAsync(itemScope, ObjectJson.Name(item), options, cancellationToken);
                deleted.Add(item);
            }
            catch (StatusException e) when (e.Code == 404)
            {
                // Deleted by someone else since the list: nothing left to do for it.
            }
        }

        return new ObjectListResult(deleted, listed.ResourceVersion, null, null);
    }
}
