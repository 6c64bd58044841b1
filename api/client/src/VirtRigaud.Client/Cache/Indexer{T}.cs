using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Cache;

/// <summary>
/// A thread-safe store of objects by key with named secondary indexes (client-go's <c>cache.Indexer</c> over a
/// <c>threadSafeMap</c>). Informers write it; listers and controllers read it.
/// </summary>
/// <remarks>
/// <para>
/// Keys come from the key function (<see cref="CacheKeys.MetaNamespaceKey(IKubernetesObject)"/>: <c>namespace/name</c>).
/// Each index maps an index value to the keys of the objects whose <see cref="IndexFunc{T}"/> yields it; every write
/// updates every index atomically with the object, so a reader never sees an index out of step with the objects.
/// </para>
/// <para>
/// The objects are shared, not copied: every reader gets the same instances the informer stored. Never mutate them
/// (our API types are immutable records; the collections they expose must not be cast back and changed). Reads return
/// snapshots (new lists) that later writes do not change.
/// </para>
/// One lock guards everything; index functions run under it and must be pure and fast.
/// </remarks>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Indexer<T>
    where T : class, IKubernetesObject
{
    private readonly Lock _gate = new();
    private readonly Func<T, string> _keyFunc;
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexFunc<T>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indices = new(StringComparer.Ordinal);

    /// <summary>Creates an empty indexer.</summary>
    /// <param name="keyFunc">The key of an object; <see cref="CacheKeys.MetaNamespaceKey(IKubernetesObject)"/> when null.</param>
    /// <param name="indexers">Named index functions; more can be added with <see cref="AddIndexers"/>.</param>
    public Indexer(Func<T, string>? keyFunc = null, IReadOnlyDictionary<string, IndexFunc<T>>? indexers = null)
    {
        _keyFunc = keyFunc ?? (static obj => CacheKeys.MetaNamespaceKey(obj));
        foreach (var (name, func) in indexers ?? new Dictionary<string, IndexFunc<T>>())
        {
            _indexers.Add(name, func);
            _indices.Add(name, new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));
        }
    }

    /// <summary>The number of objects.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>The names of the indexes.</summary>
    public IReadOnlyCollection<string> IndexNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _indexers.Keys];
            }
        }
    }

    /// <summary>The key of <paramref name="obj"/> (the key function's result).</summary>
    public string KeyOf(T obj) => _keyFunc(obj);

    /// <summary>Stores <paramref name="obj"/> under its key, replacing any object there, and re-indexes it. Mutates.</summary>
    public void Add(T obj) => Upsert(obj);

    /// <summary>Same as <see cref="Add"/> (client-go keeps both names).</summary>
    public void Update(T obj) => Upsert(obj);

    /// <summary>Removes the object with <paramref name="obj"/>'s key, if any. Mutates.</summary>
    public void Delete(T obj) => Remove(_keyFunc(obj));

    /// <summary>Removes the object stored under <paramref name="key"/>, if any, and returns it. Mutates.</summary>
    public T? DeleteByKey(string key) => Remove(key);

    /// <summary>
    /// Replaces the whole content with <paramref name="items"/> (an informer's fresh list) and rebuilds every index.
    /// Mutates. Later duplicates of a key win.
    /// </summary>
    public void Replace(IEnumerable<T> items)
    {
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            fresh[_keyFunc(item)] = item;
        }

        lock (_gate)
        {
            _items.Clear();
            foreach (var index in _indices.Values)
            {
                index.Clear();
            }

            foreach (var (key, item) in fresh)
            {
                _items.Add(key, item);
                IndexLocked(key, null, item);
            }
        }
    }

    /// <summary>The object stored under <paramref name="key"/>, or null.</summary>
    public T? GetByKey(string key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>The stored object with <paramref name="obj"/>'s key, or null.</summary>
    public T? Get(T obj) => GetByKey(_keyFunc(obj));

    /// <summary>A snapshot of every object, in no particular order.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>A snapshot of every key, in no particular order.</summary>
    public IReadOnlyList<string> ListKeys()
    {
        lock (_gate)
        {
            return [.. _items.Keys];
        }
    }

    /// <summary>The objects whose <paramref name="indexName"/> values are exactly <paramref name="indexedValue"/> among others.</summary>
    /// <exception cref="KeyNotFoundException">There is no index named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<T> ByIndex(string indexName, string indexedValue)
    {
        lock (_gate)
        {
            var index = IndexLocked(indexName);
            return index.TryGetValue(indexedValue, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>The keys of the objects indexed under <paramref name="indexedValue"/> in <paramref name="indexName"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no index named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<string> IndexKeys(string indexName, string indexedValue)
    {
        lock (_gate)
        {
            var index = IndexLocked(indexName);
            return index.TryGetValue(indexedValue, out var keys) ? [.. keys] : [];
        }
    }

    /// <summary>
    /// The objects that share at least one <paramref name="indexName"/> value with <paramref name="obj"/> (client-go's
    /// <c>Index</c>); <paramref name="obj"/> need not be stored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no index named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<T> Index(string indexName, T obj)
    {
        lock (_gate)
        {
            var index = IndexLocked(indexName);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in _indexers[indexName](obj))
            {
                if (index.TryGetValue(value, out var set))
                {
                    keys.UnionWith(set);
                }
            }

            return [.. keys.Select(k => _items[k])];
        }
    }

    /// <summary>Every value that <paramref name="indexName"/> currently holds objects under.</summary>
    /// <exception cref="KeyNotFoundException">There is no index named <paramref name="indexName"/>.</exception>
    public IReadOnlyList<string> ListIndexFuncValues(string indexName)
    {
        lock (_gate)
        {
            return [.. IndexLocked(indexName).Keys];
        }
    }

    /// <summary>Adds indexes and builds them from the stored objects. Mutates.</summary>
    /// <exception cref="ArgumentException">An index with one of the names exists already.</exception>
    public void AddIndexers(IReadOnlyDictionary<string, IndexFunc<T>> indexers)
    {
        lock (_gate)
        {
            foreach (var name in indexers.Keys)
            {
                if (_indexers.ContainsKey(name))
                {
                    throw new ArgumentException($"indexer conflict: {name}", nameof(indexers));
                }
            }

            foreach (var (name, func) in indexers)
            {
                var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var (key, item) in _items)
                {
                    foreach (var value in func(item))
                    {
                        Bucket(index, value).Add(key);
                    }
                }

                _indexers.Add(name, func);
                _indices.Add(name, index);
            }
        }
    }

    /// <summary>Stores <paramref name="obj"/> and returns the object it replaced (null when new). Mutates.</summary>
    internal T? Upsert(T obj)
    {
        var key = _keyFunc(obj);
        lock (_gate)
        {
            _items.TryGetValue(key, out var old);
            _items[key] = obj;
            IndexLocked(key, old, obj);
            return old;
        }
    }

    /// <summary>Removes the object under <paramref name="key"/> and returns it (null when absent). Mutates.</summary>
    internal T? Remove(string key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            IndexLocked(key, old, null);
            return old;
        }
    }

    private Dictionary<string, HashSet<string>> IndexLocked(string indexName) =>
        _indices.TryGetValue(indexName, out var index) ? index : throw new KeyNotFoundException($"index {indexName} does not exist");

    private void IndexLocked(string key, T? oldObj, T? newObj)
    {
        foreach (var (name, func) in _indexers)
        {
            var index = _indices[name];
            HashSet<string> oldValues = oldObj is null ? [] : func(oldObj).ToHashSet(StringComparer.Ordinal);
            HashSet<string> newValues = newObj is null ? [] : func(newObj).ToHashSet(StringComparer.Ordinal);
            foreach (var value in oldValues)
            {
                if (!newValues.Contains(value) && index.TryGetValue(value, out var keys))
                {
                    keys.Remove(key);
                    if (keys.Count == 0)
                    {
                        index.Remove(value);
                    }
                }
            }

            foreach (var value in newValues)
            {
                Bucket(index, value).Add(key);
            }
        }
    }

    private static HashSet<string> Bucket(Dictionary<string, HashSet<string>> index, string value)
    {
        if (!index.TryGetValue(value, out var keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            index.Add(value, keys);
        }

        return keys;
    }
}
