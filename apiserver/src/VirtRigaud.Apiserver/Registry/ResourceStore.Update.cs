using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>Computes the object a PUT or PATCH wants from the current one (rest.UpdatedObjectInfo); it may mutate and return its argument.</summary>
public delegate ValueTask<JsonObject> UpdatedObject(JsonObject current, CancellationToken cancellationToken);

public sealed partial class ResourceStore
{
    /// <summary>
    /// UPDATE of the main resource (<paramref name="subresource"/> empty) or of <c>status</c>: read, compute the new
    /// object with <paramref name="updatedObject"/>, check its resourceVersion (409 if stale; empty = unconditional),
    /// default, admit, prepare, validate and compare-and-swap, retrying from a fresh read when another writer won.
    /// An update that changes nothing writes nothing and returns the current object. When the update leaves an
    /// object that is being deleted without finalizers, the object is deleted.
    /// </summary>
    public async Task<JsonObject> UpdateAsync(RequestScope scope, string name, string subresource, UpdatedObject updatedObject, CancellationToken cancellationToken)
    {
        var strategy = subresource == "status" ? StatusStrategy : Strategy;
        var key = Keys.Key(scope.Namespace, name);
        JsonObject? result = null;
        try
        {
            if (scope.DryRun)
            {
                var current = await _storage.GetAsync(key, default, cancellationToken);
                var (obj, _) = await PrepareUpdateAsync(scope, name, subresource, strategy, current!, updatedObject, cancellationToken);
                return obj;
            }

            var stored = await _storage.GuaranteedUpdateAsync(
                key,
                preconditions: null,
                ignoreNotFound: false,
                async (current, ct) =>
                {
                    var (obj, unchanged) = await PrepareUpdateAsync(scope, name, subresource, strategy, current!, updatedObject, ct);
                    result = obj;
                    return unchanged ? current!.Value : EncodeObject(obj);
                },
                cancellationToken: cancellationToken);
            result = DecodeItem(stored);
        }
        catch (StorageException e)
        {
            throw ToStatus(e, name);
        }

        if (ObjectJson.IsBeingDeleted(result) && ObjectJson.Finalizers(result).Count == 0)
        {
            return await DeleteFinalizedAsync(scope, name, result, cancellationToken);
        }

        return result;
    }

    private async Task<(JsonObject Object, bool Unchanged)> PrepareUpdateAsync(
        RequestScope scope, string name, string subresource, IResourceStrategy strategy, StorageItem current, UpdatedObject updatedObject, CancellationToken cancellationToken)
    {
        var old = DecodeItem(current);
        var obj = await updatedObject((JsonObject)old.DeepClone(), cancellationToken);

        var requested = ObjectJson.GetString(obj, "resourceVersion");
        if (!string.IsNullOrEmpty(requested))
        {
            if (!long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                throw StatusException.BadRequest($"invalid resource version: {requested}");
            }

            if (rv != current.Revision)
            {
                throw StatusException.Conflict(Kind.Group, Kind.Plural, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
        }

        // A uid in the new object is a precondition (DefaultUpdatedObjectInfo.Preconditions).
        var uid = ObjectJson.Uid(obj);
        if (uid.Length > 0 && uid != ObjectJson.Uid(old))
        {
            throw StatusException.Conflict(Kind.Group, Kind.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectJson.Uid(old)}");
        }

        CheckNamespace(scope, obj);
        var unknown = new List<string>();
        var warnings = new List<string>();
        strategy.Default(obj, unknown, warnings);
        HandleUnknownFields(scope, unknown);

        var admission = AdmissionFor("UPDATE", scope, obj, old, subresource);
        await RunAdmissionAsync(mutating: true, admission, scope, cancellationToken);
        obj = admission.Object!;
        ManagedFields.Record(obj, old, Kind.Schema, Kind.ApiVersion, scope.FieldManager, subresource, _time.GetUtcNow());

        // rest.BeforeUpdate: what the server owns comes from the stored object.
        var meta = ObjectJson.Metadata(obj);
        var oldMeta = ObjectJson.Metadata(old);
        foreach (var field in (string[])["creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"])
        {
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        if (string.IsNullOrEmpty(ObjectJson.Uid(obj)))
        {
            meta["uid"] = ObjectJson.Uid(old);
        }

        meta.Remove("selfLink");
        strategy.PrepareForUpdate(obj, old);

        var errors = strategy.ValidateUpdate(obj, old, warnings);
        if (ObjectJson.IsBeingDeleted(old))
        {
            errors.AddRange(ObjectMetaValidation.ValidateNoNewFinalizers(ObjectJson.Finalizers(obj), ObjectJson.Finalizers(old), FieldPath.NewPath("metadata", "finalizers")));
        }

        warnings.ForEach(scope.Warn);
        if (errors.Count > 0)
        {
            throw StatusException.Invalid(Kind.Group, Kind.Kind, name, errors);
        }

        await RunAdmissionAsync(mutating: false, AdmissionFor("UPDATE", scope, obj, old, subresource), scope, cancellationToken);
        strategy.Canonicalize(obj);
        SetResourceVersion(obj, current.Revision);
        var unchanged = JsonNode.DeepEquals(obj, old);
        return (unchanged ? old : obj, unchanged);
    }
}
