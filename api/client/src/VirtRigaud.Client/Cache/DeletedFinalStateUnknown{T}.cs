namespace VirtRigaud.Client.Cache;

/// <summary>
/// A tombstone (client-go's <c>cache.DeletedFinalStateUnknown</c>): the object was deleted while the informer was not
/// watching (it disappeared between two lists), so its final state is unknown. <see cref="Obj"/> is the last state the
/// cache held, which may be stale. Handed to delete handlers as the second argument.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed record DeletedFinalStateUnknown<T>
    where T : class
{
    /// <summary>The cache key of the deleted object (<c>namespace/name</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The last known state of the object.</summary>
    public required T Obj { get; init; }
}
