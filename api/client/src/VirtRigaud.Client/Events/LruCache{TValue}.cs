namespace VirtRigaud.Client.Events;

/// <summary>
/// A bounded map that evicts the least recently used entry (the <c>golang-lru</c> caches of client-go's event
/// correlator). Not thread-safe: the correlator runs on the recorder's single writer loop.
/// </summary>
internal sealed class LruCache<TValue>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public int Count => _map.Count;

    public bool TryGet(string key, out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            node.Value = (key, value);
            _order.AddFirst(node);
            return;
        }

        if (_map.Count >= capacity && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _map.Remove(oldest.Value.Key);
        }

        _map.Add(key, _order.AddFirst((key, value)));
    }
}
