using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Client.Cache;

/// <summary>
/// Read-only queries over an informer's <see cref="Indexer{T}"/> (client-go's generated listers): every object, by
/// label selector, by namespace, by name, by index. Reads the cache, never the server; results are snapshots of shared
/// objects that must not be mutated. Thread-safe.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Lister<T>(Indexer<T> indexer)
    where T : class, IKubernetesObject
{
    /// <summary>The indexer read.</summary>
    public Indexer<T> Indexer { get; } = indexer;

    /// <summary>The objects whose labels match <paramref name="selector"/> (every object when null).</summary>
    public IReadOnlyList<T> List(Selector? selector = null) => Filter(Indexer.List(), selector);

    /// <summary>The object <paramref name="name"/> in <paramref name="namespace"/> (empty or null for cluster-scoped), or null.</summary>
    public T? Get(string? @namespace, string name) => Indexer.GetByKey(CacheKeys.MetaNamespaceKey(@namespace, name));

    /// <summary>The objects indexed under <paramref name="indexedValue"/> in <paramref name="indexName"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no index named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<T> ByIndex(string indexName, string indexedValue) => Indexer.ByIndex(indexName, indexedValue);

    /// <summary>A lister restricted to <paramref name="namespace"/>.</summary>
    public NamespaceLister<T> Namespace(string @namespace) => new(Indexer, @namespace);

    internal static IReadOnlyList<T> Filter(IReadOnlyList<T> items, Selector? selector)
    {
        if (selector is null || selector.IsEmpty)
        {
            return items;
        }

        return [.. items.Where(i => selector.Matches(i.Metadata.Labels))];
    }
}
