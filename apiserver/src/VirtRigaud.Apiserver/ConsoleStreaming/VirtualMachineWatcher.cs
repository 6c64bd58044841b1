using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Fields;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// Follows one VirtualMachine through the store's watch so that a console session ends when its machine goes away,
/// whether or not a controller is running to stop the machine on its provider.
/// </summary>
internal static class VirtualMachineWatcher
{
    /// <summary>The pause before watching again after the watch failed (429 while the cache relists, 5xx from storage).</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Completes with a sentence saying what happened once the VirtualMachine <paramref name="vm"/> (as read when the
    /// session opened) is deleted, marked for deletion, or replaced by another object of the same name (new uid). The
    /// watch resumes from the last resourceVersion seen when the store ends it (cache relist, slow watcher); a resume
    /// point that is too old is settled by reading the object, and other failures are retried after
    /// <see cref="RetryDelay"/>. Ends only with <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires. Reads only.
    /// </summary>
    public static async Task<string> WaitUntilGoneAsync(ResourceStore store, RequestScope scope, JsonObject vm, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = ObjectJson.Name(vm);
        var uid = ObjectJson.Uid(vm);
        var what = $"VirtualMachine {scope.Namespace}/{name}";
        if (Gone(vm, uid, what) is { } already)
        {
            return already;
        }

        var query = new ListQuery
        {
            Watch = true,
            FieldSelector = FieldSelector.OneTermEqual("metadata.name", name),
            ResourceVersion = ObjectJson.GetString(vm, "resourceVersion"),
            SendInitialEvents = false,
        };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expired = false;
            try
            {
                await foreach (var change in store.WatchAsync(scope, query, cancellationToken))
                {
                    if (change.Type == WatchEventType.Deleted)
                    {
                        return $"{what} was deleted";
                    }

                    if (Gone(change.Object, uid, what) is { } reason)
                    {
                        return reason;
                    }

                    if (ObjectJson.GetString(change.Object, "resourceVersion") is { Length: > 0 } rv)
                    {
                        query = query with { ResourceVersion = rv };
                    }
                }

                // The store ended the watch (cache relist, slow watcher): resume from the last resourceVersion.
                continue;
            }
            catch (StatusException e) when (e.Code == StatusCodes.Status410Gone)
            {
                expired = true;
            }
            catch (StatusException)
            {
                // 429 while the cache relists, a storage failure: try again shortly.
            }

            if (expired)
            {
                try
                {
                    var current = await store.GetAsync(scope, name, null, cancellationToken);
                    if (Gone(current, uid, what) is { } reason)
                    {
                        return reason;
                    }

                    query = query with { ResourceVersion = ObjectJson.GetString(current, "resourceVersion") };
                    continue;
                }
                catch (StatusException e) when (e.Code == StatusCodes.Status404NotFound)
                {
                    return $"{what} was deleted";
                }
                catch (StatusException)
                {
                    // As above: try again shortly.
                }
            }

            await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Gone(JsonObject obj, string uid, string what) =>
        ObjectJson.Uid(obj) != uid ? $"{what} was deleted and created again"
        : ObjectJson.IsBeingDeleted(obj) ? $"{what} is being deleted"
        : null;
}
