using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>The outcome of a DELETE: the object (as deleted, or as marked for deletion) and whether it is gone.</summary>
public sealed record DeleteResult(JsonObject Object, bool Deleted);

public sealed partial class ResourceStore
{
    private const string OrphanFinalizer = "orphan";
    private const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// DELETE of one object (registry.Store.Delete): preconditions (uid, resourceVersion → 409); the propagation policy
    /// adds the <c>orphan</c> or <c>foregroundDeletion</c> finalizer; an object with finalizers is only marked
    /// (<c>deletionTimestamp</c>, <c>deletionGracePeriodSeconds: 0</c>) and disappears when its last finalizer is
    /// removed; one without is removed at once and returned with the deletion's resourceVersion.
    /// </summary>
    public async Task<DeleteResult> DeleteAsync(RequestScope scope, string name, DeleteOptions options, CancellationToken cancellationToken)
    {
        var key = Keys.Key(scope.Namespace, name);
        var preconditions = options.Preconditions is { } p
            ? new Storage.Preconditions(p.Uid, string.IsNullOrEmpty(p.ResourceVersion) ? null : ParseResourceVersion(p.ResourceVersion))
            : null;
        var propagation = PropagationOf(options);

        try
        {
            while (true)
            {
                var current = (await _storage.GetAsync(key, default, cancellationToken))!;
                CheckPreconditions(name, preconditions, current);
                var obj = DecodeItem(current);
                var finalizers = ObjectJson.Finalizers(obj);
                var wanted = new List<string>(finalizers);
                if (propagation == DeletionPropagation.Orphan && !wanted.Contains(OrphanFinalizer))
                {
                    wanted.Add(OrphanFinalizer);
                    wanted.Remove(ForegroundFinalizer);
                }
                else if (propagation == DeletionPropagation.Foreground && !wanted.Contains(ForegroundFinalizer))
                {
                    wanted.Add(ForegroundFinalizer);
                    wanted.Remove(OrphanFinalizer);
                }

                if (wanted.Count > 0)
                {
                    // Graceful: mark, keep until the finalizers are gone.
                    if (ObjectJson.IsBeingDeleted(obj) && wanted.SequenceEqual(finalizers))
                    {
                        return new DeleteResult(obj, Deleted: false);
                    }

                    var marked = await MarkForDeletionAsync(scope, name, key, preconditions, wanted, cancellationToken);
                    if (marked is not null)
                    {
                        return new DeleteResult(marked, Deleted: false);
                    }

                    continue;
                }

                if (scope.DryRun)
                {
                    return new DeleteResult(obj, Deleted: true);
                }

                try
                {
                    var deleted = await _storage.DeleteAsync(
                        key,
                        new Storage.Preconditions(preconditions?.Uid, current.Revision),
                        cancellationToken: cancellationToken);
                    return new DeleteResult(DecodeItem(deleted), Deleted: true);
                }
                catch (StorageException e) when (e.Code == StorageErrorCode.Conflict)
                {
                    // Changed since we looked (perhaps a finalizer was added): decide again.
                }
            }
        }
        catch (StorageException e)
        {
            throw ToStatus(e, name);
        }
    }

    /// <summary>Removes an object whose deletion was pending and whose last finalizer is gone (the end of a graceful deletion).</summary>
    private async Task<JsonObject> DeleteFinalizedAsync(RequestScope scope, string name, JsonObject obj, CancellationToken cancellationToken)
    {
        try
        {
            var revision = ParseResourceVersion(ObjectJson.GetString(obj, "resourceVersion"));
            var deleted = await _storage.DeleteAsync(Keys.Key(scope.Namespace, name), new Storage.Preconditions(null, revision), cancellationToken: cancellationToken);
            return DecodeItem(deleted);
        }
        catch (StorageException e) when (e.Code is StorageErrorCode.Conflict or StorageErrorCode.KeyNotFound)
        {
            // Someone else changed or removed it after our update; the object as we updated it is the answer.
            return obj;
        }
    }

    private async Task<JsonObject?> MarkForDeletionAsync(RequestScope scope, string name, string key, Storage.Preconditions? preconditions, List<string> finalizers, CancellationToken cancellationToken)
    {
        var now = Rfc3339.Format(_time.GetUtcNow());
        if (scope.DryRun)
        {
            var current = DecodeItem((await _storage.GetAsync(key, default, cancellationToken))!);
            Mark(current);
            return current;
        }

        try
        {
            var stored = await _storage.GuaranteedUpdateAsync(
                key,
                preconditions,
                ignoreNotFound: false,
                (current, _) =>
                {
                    var obj = Decode(current!);
                    Mark(obj);
                    return ValueTask.FromResult(Encode(obj));
                },
                cancellationToken: cancellationToken);
            return DecodeItem(stored);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Conflict && preconditions is null)
        {
            return null;
        }

        void Mark(JsonObject obj)
        {
            var meta = ObjectJson.Metadata(obj);
            if (meta["deletionTimestamp"] is null)
            {
                meta["deletionTimestamp"] = now;
                meta["deletionGracePeriodSeconds"] = 0;
            }

            ObjectJson.SetFinalizers(obj, finalizers);
        }
    }

    /// <summary>DeleteOptions.preconditions against the stored object (409 with Kubernetes' wording on a mismatch).</summary>
    private void CheckPreconditions(string name, Storage.Preconditions? preconditions, StorageItem current)
    {
        if (preconditions?.Uid is { } uid && StoredObjects.ReadUid(current.Value) is var actual && uid != actual)
        {
            throw StatusException.Conflict(Kind.Group, Kind.Plural, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {actual}");
        }

        if (preconditions?.ResourceVersion is { } rv && rv != current.Revision)
        {
            throw StatusException.Conflict(Kind.Group, Kind.Plural, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.Revision}");
        }
    }

    private static string PropagationOf(DeleteOptions options)
    {
        if (options.PropagationPolicy is { Length: > 0 } policy)
        {
            return policy;
        }

        return options.OrphanDependents switch
        {
            true => DeletionPropagation.Orphan,
            false => DeletionPropagation.Foreground,
            null => DeletionPropagation.Background,
        };
    }
}
