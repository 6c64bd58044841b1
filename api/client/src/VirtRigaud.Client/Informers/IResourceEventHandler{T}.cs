using VirtRigaud.Client.Cache;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// Receives an informer's notifications (client-go's <c>cache.ResourceEventHandler</c>). Each handler gets its
/// notifications one at a time, in the order the cache changed, on a task of its own: a slow handler delays only
/// itself (its notifications queue up), never the watch or other handlers. The objects are the cache's shared
/// instances: never mutate them. An exception thrown by a handler is logged and the next notification is delivered.
/// </summary>
/// <remarks>
/// Controllers should only turn notifications into work-queue keys and read the current state from the cache when
/// they process the key (level-based): notifications may be coalesced with a relist, and after a relist an update may
/// carry identical old and new objects (as a resync does).
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceEventHandler<T>
    where T : class
{
    /// <summary>An object appeared. <paramref name="isInInitialList"/> is true for the objects of the informer's first
    /// list (and for the synthetic adds a handler added later receives for what the cache already holds).</summary>
    void OnAdd(T obj, bool isInInitialList);

    /// <summary>An object changed, or a resync re-delivers it (then <paramref name="oldObj"/> and <paramref name="newObj"/> are the same instance).</summary>
    void OnUpdate(T oldObj, T newObj);

    /// <summary>
    /// An object was deleted. <paramref name="obj"/> is its final state from the watch, or — when the deletion was only
    /// noticed by a relist — the last state the cache held, and then <paramref name="tombstone"/> is set (client-go's
    /// <c>DeletedFinalStateUnknown</c>).
    /// </summary>
    void OnDelete(T obj, DeletedFinalStateUnknown<T>? tombstone);
}
