using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
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
    /// <summary>The compact wire encoding list responses use (kube-apiserver's JSON encoder does not escape HTML).</summary>
    internal static readonly JsonWriterOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Cached objects by their (shared) JSON tree, so a list writer holding only the tree finds the encoded bytes.
    private static readonly ConditionalWeakTable<JsonObject, CachedObject> ByObject = new();

    private ObjectEvent? _added;
    private byte[]? _json;

    private CachedObject(string key, string ns, JsonObject obj, long revision)
    {
        Key = key;
        Namespace = ns;
        Object = obj;
        Revision = revision;
        Labels = ObjectJson.Labels(obj);
        ByObject.AddOrUpdate(obj, this);
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

    /// <summary>
    /// The object in compact JSON (<see cref="WireJson"/>), encoded once on first use and shared; never modify the array.
    /// </summary>
    public byte[] Json
    {
        get
        {
            if (_json is { } json)
            {
                return json;
            }

            var buffer = new ArrayBufferWriter<byte>(2048);
            using (var writer = new Utf8JsonWriter(buffer, WireJson))
            {
                Object.WriteTo(writer);
            }

            return Interlocked.CompareExchange(ref _json, buffer.WrittenSpan.ToArray(), null) ?? _json!;
        }
    }

    /// <summary>
    /// The compact JSON of <paramref name="node"/> when it is a watch cache's shared object (see <see cref="Json"/>);
    /// false for any other node. Does not mutate anything but the lazily filled encoding.
    /// </summary>
    public static bool TryGetJson(JsonNode node, out byte[] json)
    {
        if (node is JsonObject obj && ByObject.TryGetValue(obj, out var cached))
        {
            json = cached.Json;
            return true;
        }

        json = [];
        return false;
    }

    /// <summary>
    /// Decodes stored bytes into a shared, materialized object whose resourceVersion is <paramref name="revision"/>,
    /// converted by <paramref name="conversion"/> (when not null) from the stored form to the resource's form.
    /// </summary>
    /// <exception cref="System.Text.Json.JsonException">The bytes are not a JSON object.</exception>
    public static CachedObject Decode(ResourceKeys keys, string key, ReadOnlySpan<byte> value, long revision, IStorageConversion? conversion = null)
    {
        var obj = ObjectJson.Parse(value);
        ResourceStore.SetResourceVersion(obj, revision);
        if (conversion is not null)
        {
            obj = conversion.FromStorage(obj);
        }

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
