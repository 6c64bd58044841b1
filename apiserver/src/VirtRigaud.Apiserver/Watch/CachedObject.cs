using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Watch;

/// <summary>
/// One object as the watch cache holds it: decoded once, with <c>metadata.resourceVersion</c> set, and its labels
/// extracted once for selector matching.
/// </summary>
/// <remarks>
/// <b>Shared and read-only.</b> The same <see cref="Object"/> instance is handed to every list, watch and watcher that
/// reads it, concurrently; nobody may mutate it (clone first). The JSON tree is fully materialized before the object is
/// published (<see cref="Materialize"/>): <c>JsonNode.Parse</c> builds
/// nodes whose children are created lazily on first access, which is not safe for concurrent first readers.
/// </remarks>
internal sealed class CachedObject
{
    private ObjectEvent? _added;

    private CachedObject(string key, string ns, JsonObject obj, long revision)
    {
        Key = key;
        Namespace = ns;
        Object = obj;
        Revision = revision;
        Labels = ObjectJson.Labels(obj);
    }

    /// <summary>The storage key.</summary>
    public string Key { get; }

    /// <summary>The namespace (from the key).</summary>
    public string Namespace { get; }

    /// <summary>The object; never mutate it.</summary>
    public JsonObject Object { get; }

    /// <summary>The revision that wrote this state (for a deletion's last state: the deletion's revision).</summary>
    public long Revision { get; }

    /// <summary>The object's labels, for label selectors.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>
    /// The ADDED event of this state, created once and shared by every watcher that gets it (initial events and
    /// selector transitions), so an encoder caching per event instance (<see cref="WatchEventJson"/>) encodes it once.
    /// </summary>
    public ObjectEvent Added =>
        _added ?? Interlocked.CompareExchange(ref _added, new ObjectEvent(WatchEventType.Added, Object, Revision), null) ?? _added;

    /// <summary>Decodes stored bytes into a shared, materialized object whose resourceVersion is <paramref name="revision"/>.</summary>
    /// <exception cref="System.Text.Json.JsonException">The bytes are not a JSON object.</exception>
    public static CachedObject Decode(ResourceKeys keys, string key, ReadOnlySpan<byte> value, long revision)
    {
        var obj = ObjectJson.Parse(value);
        ResourceStore.SetResourceVersion(obj, revision);
        Materialize(obj);
        return new CachedObject(key, keys.Parse(key).Namespace, obj, revision);
    }

    /// <summary>A copy of this state carrying another resourceVersion (a DELETED event for an object leaving a selector).</summary>
    public CachedObject WithRevision(long revision)
    {
        var copy = (JsonObject)Object.DeepClone();
        ResourceStore.SetResourceVersion(copy, revision);
        Materialize(copy);
        return new CachedObject(Key, Namespace, copy, revision);
    }

    /// <summary>Forces every lazily created child node into existence, so later concurrent reads do not race to create them.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
