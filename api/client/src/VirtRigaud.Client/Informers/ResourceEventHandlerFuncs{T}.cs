using VirtRigaud.Client.Cache;

namespace VirtRigaud.Client.Informers;

/// <summary>
/// An <see cref="IResourceEventHandler{T}"/> made of delegates (client-go's <c>ResourceEventHandlerFuncs</c>); a missing
/// delegate ignores that notification.
/// <code>
/// informer.AddEventHandler(new ResourceEventHandlerFuncs&lt;VirtualMachine&gt;
/// {
///     AddFunc = (vm, _) => queue.Add(CacheKeys.MetaNamespaceKey(vm)),
///     UpdateFunc = (_, vm) => queue.Add(CacheKeys.MetaNamespaceKey(vm)),
///     DeleteFunc = (vm, _) => queue.Add(CacheKeys.MetaNamespaceKey(vm)),
/// });
/// </code>
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class ResourceEventHandlerFuncs<T> : IResourceEventHandler<T>
    where T : class
{
    /// <summary>Called for <see cref="IResourceEventHandler{T}.OnAdd"/>.</summary>
    public Action<T, bool>? AddFunc { get; init; }

    /// <summary>Called for <see cref="IResourceEventHandler{T}.OnUpdate"/>.</summary>
    public Action<T, T>? UpdateFunc { get; init; }

    /// <summary>Called for <see cref="IResourceEventHandler{T}.OnDelete"/>.</summary>
    public Action<T, DeletedFinalStateUnknown<T>?>? DeleteFunc { get; init; }

    /// <inheritdoc/>
    public void OnAdd(T obj, bool isInInitialList) => AddFunc?.Invoke(obj, isInInitialList);

    /// <inheritdoc/>
    public void OnUpdate(T oldObj, T newObj) => UpdateFunc?.Invoke(oldObj, newObj);

    /// <inheritdoc/>
    public void OnDelete(T obj, DeletedFinalStateUnknown<T>? tombstone) => DeleteFunc?.Invoke(obj, tombstone);
}
