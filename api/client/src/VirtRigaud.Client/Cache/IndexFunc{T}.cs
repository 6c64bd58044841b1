namespace VirtRigaud.Client.Cache;

/// <summary>
/// Computes the values under which an object is indexed (client-go's <c>cache.IndexFunc</c>); an object may have
/// none, one or several. Must be pure and fast: it runs under the indexer's lock on every write.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public delegate IEnumerable<string> IndexFunc<in T>(T obj);
