using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Client.Cache;

/// <summary>
/// The objects of one namespace in an informer's cache (client-go's <c>XxxNamespaceLister</c>). Uses the
/// <see cref="CacheKeys.NamespaceIndex"/> when the indexer has it, otherwise filters. Thread-safe; results are
/// snapshots of shared objects that must not be mutated.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class NamespaceLister<T>
    where T : class, IKubernetesObject
{
    private readonly Indexer<T> _indexer;

    internal NamespaceLister(Indexer<T> indexer, string @namespace)
    {
        _indexer = indexer;
        Namespace = @namespace;
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The namespace's objects whose labels match <paramref name="selector"/> (all when null).</summary>
    public IReadOnlyList<T> List(Selector? selector = null)
    {
        var items = _indexer.IndexNames.Contains(CacheKeys.NamespaceIndex)
            ? _indexer.ByIndex(CacheKeys.NamespaceIndex, Namespace)
            : [.. _indexer.List().Where(i => string.Equals(i.Metadata.Namespace, Namespace, StringComparison.Ordinal))];
        return Lister<T>.Filter(items, selector);
    }

    /// <summary>The object named <paramref name="name"/> in the namespace, or null.</summary>
    public T? Get(string name) => _indexer.GetByKey(CacheKeys.MetaNamespaceKey(Namespace, name));
}
