using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Maintains <c>metadata.managedFields</c> for non-apply writes the way structured-merge-diff's update path does:
/// the writer's entry, keyed by (manager, operation <c>Update</c>, apiVersion, subresource), gains every field the write
/// added or changed and loses the fields it removed; every other manager loses the fields this write changed or removed;
/// entries left empty disappear. The first writer (create) owns every field it set. Field sets are FieldsV1:
/// <c>f:</c> for fields, <c>k:{…}</c> for items of keyed lists (<c>metadata.ownerReferences</c> by uid, each owned
/// whole as OwnerReference is an atomic struct; schema lists of type map), <c>v:</c> for set items
/// (<c>metadata.finalizers</c>, schema sets), <c>.</c> for a map, a metadata list or a list item itself, as
/// kube-apiserver writes them; other lists are atomic (one field).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>request's managedFields</term><description>effect (kube-apiserver's fieldmanager)</description></listheader>
/// <item><term>absent or <c>[]</c></term><description>the stored ones are kept and updated</description></item>
/// <item><term><c>[{}]</c></term><description>reset: the object has no managedFields afterwards (this write is not recorded)</description></item>
/// <item><term>a valid list (main resource)</term><description>replaces the stored ones, then this write is recorded</description></item>
/// <item><term>an invalid list, or any list sent to a subresource</term><description>ignored: the stored ones are used</description></item>
/// </list>
/// Not tracked: apiVersion, kind, and the server-owned metadata (name, namespace, uid, resourceVersion, generation,
/// creationTimestamp, deletion fields, managedFields). The main resource's writes do not own <c>status</c>; a
/// <c>status</c> write owns only <c>status</c>.
/// </remarks>
internal static class ManagedFields
{
    private const string Self = ".";
    private const string Separator = "\u0000";

    private static readonly HashSet<string> ServerOwnedMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "managedFields",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    /// <summary>
    /// Records a write of <paramref name="obj"/> (whose previous state is <paramref name="old"/>, null for a create) by
    /// <paramref name="manager"/> through <paramref name="subresource"/> (empty for the main resource). MUTATES
    /// <paramref name="obj"/>'s <c>metadata.managedFields</c> only.
    /// </summary>
    public static void Record(JsonObject obj, JsonObject? old, OpenApiSchema schema, string apiVersion, string manager, string subresource, DateTimeOffset now)
    {
        var meta = ObjectJson.Metadata(obj);
        var sent = meta["managedFields"];
        if (sent is JsonArray { Count: 1 } reset && reset[0] is JsonObject { Count: 0 })
        {
            meta.Remove("managedFields");
            return;
        }

        var oldEntries = old is null ? [] : Parse(old["metadata"]?["managedFields"]);
        var entries = subresource.Length == 0 && sent is JsonArray { Count: > 0 } && Valid(sent) ? Parse(sent) : oldEntries;

        var before = old is null ? new Dictionary<string, JsonNode?>(StringComparer.Ordinal) : Leaves(old, schema, subresource);
        var after = Leaves(obj, schema, subresource);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in after)
        {
            if (!before.TryGetValue(path, out var previous) || !JsonNode.DeepEquals(previous, value))
            {
                changed.Add(path);
            }
        }

        var removed = before.Keys.Where(p => !after.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        if (changed.Count == 0 && removed.Count == 0)
        {
            // Nothing this write could own changed: managedFields stay as they are (no timestamp churn).
            SetEntries(meta, entries);
            return;
        }

        foreach (var entry in entries)
        {
            if (!entry.Is(manager, subresource, apiVersion))
            {
                entry.Fields.ExceptWith(changed);
            }

            entry.Fields.ExceptWith(removed);
        }

        var own = entries.FirstOrDefault(e => e.Is(manager, subresource, apiVersion));
        if (own is null)
        {
            own = new Entry(manager, "Update", apiVersion, subresource, now, new HashSet<string>(StringComparer.Ordinal));
            entries.Add(own);
        }

        own.Fields.UnionWith(changed);
        own.Time = now;
        entries.RemoveAll(e => e.Fields.Count == 0);
        SetEntries(meta, entries);
    }

    private static bool Valid(JsonNode sent)
    {
        try
        {
            var typed = sent.AsArray().Select(e => e.Deserialize(MachineryJsonContext.Default.ManagedFieldsEntry)!).ToList();
            return ManagedFieldsValidation.ValidateManagedFields(typed, FieldPath.NewPath("metadata", "managedFields")).Count == 0
                && typed.All(e => e.FieldsV1 is null || e.FieldsV1.Value.ValueKind == JsonValueKind.Object);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static List<Entry> Parse(JsonNode? node)
    {
        var entries = new List<Entry>();
        if (node is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var fields = new HashSet<string>(StringComparer.Ordinal);
            if (item["fieldsV1"] is JsonObject tree)
            {
                Flatten(tree, "", fields);
            }

            var time = Str(item, "time") is { } t && Rfc3339.TryParse(t, out var parsed) ? parsed : (DateTimeOffset?)null;
            entries.Add(new Entry(Str(item, "manager") ?? "", Str(item, "operation") ?? "", Str(item, "apiVersion") ?? "", Str(item, "subresource") ?? "", time, fields)
            {
                Original = item,
            });
        }

        return entries;
    }

    private static void SetEntries(JsonObject meta, List<Entry> entries)
    {
        if (entries.Count == 0)
        {
            meta.Remove("managedFields");
            return;
        }

        // kube-apiserver's sortEncodedManagedFields order.
        var sorted = entries
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time?.ToUnixTimeSeconds() ?? 0)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal);
        meta["managedFields"] = new JsonArray(sorted.Select(e => (JsonNode)e.ToJson()).ToArray());
    }

    /// <summary>The owned leaf paths of an object with their values (a map's or list item's "." has no value).</summary>
    private static Dictionary<string, JsonNode?> Leaves(JsonObject obj, OpenApiSchema schema, string subresource)
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || value is null)
            {
                continue;
            }

            var isStatus = key == "status";
            if (isStatus != (subresource == "status"))
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject meta)
                {
                    foreach (var (field, fieldValue) in meta)
                    {
                        if (ServerOwnedMetadata.Contains(field) || fieldValue is null)
                        {
                            continue;
                        }

                        var path = "f:metadata" + Separator + "f:" + field;
                        switch (field)
                        {
                            case "labels" or "annotations" when fieldValue is JsonObject map:
                                Walk(map, path, null, leaves, forceMap: true);
                                break;
                            case "ownerReferences" when fieldValue is JsonArray refs:
                                // OwnerReference is an atomic struct: each reference is owned whole, by its uid.
                                leaves[path + Separator + Self] = null;
                                foreach (var reference in refs.OfType<JsonObject>())
                                {
                                    leaves[path + Separator + "k:" + new JsonObject { ["uid"] = reference["uid"]?.DeepClone() }.ToJsonString()] = reference;
                                }

                                break;
                            case "finalizers" when fieldValue is JsonArray finalizers:
                                leaves[path + Separator + Self] = null;
                                WalkSet(finalizers, path, leaves);
                                break;
                            default:
                                leaves[path] = fieldValue;
                                break;
                        }
                    }
                }

                continue;
            }

            Walk(value, "f:" + key, schema.Properties?.GetValueOrDefault(key), leaves, forceMap: false);
        }

        return leaves;
    }

    private static void Walk(JsonNode node, string path, OpenApiSchema? schema, Dictionary<string, JsonNode?> leaves, bool forceMap)
    {
        switch (node)
        {
            case JsonObject obj:
                var isMap = forceMap || (schema is { AdditionalProperties: not null, Properties: null });
                if (obj.Count == 0 && !isMap)
                {
                    leaves[path] = obj;
                    return;
                }

                if (isMap)
                {
                    leaves[path + Separator + Self] = null;
                }

                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        leaves[path + Separator + "f:" + key] = null;
                        continue;
                    }

                    var child = isMap ? schema?.AdditionalProperties : schema?.Properties?.GetValueOrDefault(key);
                    Walk(value, path + Separator + "f:" + key, child, leaves, forceMap: false);
                }

                break;
            case JsonArray array when schema?.ListType == "map" && schema.ListMapKeys is { Count: > 0 } keys:
                WalkList(array, path, schema.Items, keys, leaves);
                break;
            case JsonArray array when schema?.ListType == "set":
                WalkSet(array, path, leaves);
                break;
            default:
                leaves[path] = node;
                break;
        }
    }

    private static void WalkList(JsonArray list, string path, OpenApiSchema? itemSchema, IReadOnlyList<string> keys, Dictionary<string, JsonNode?> leaves)
    {
        foreach (var item in list)
        {
            if (item is not JsonObject obj)
            {
                // Not keyable: the list is owned as a whole.
                leaves[path] = list;
                return;
            }

            var key = new JsonObject();
            foreach (var k in keys.Order(StringComparer.Ordinal))
            {
                key[k] = obj[k]?.DeepClone();
            }

            var itemPath = path + Separator + "k:" + key.ToJsonString();
            leaves[itemPath + Separator + Self] = null;
            foreach (var (field, value) in obj)
            {
                if (value is not null)
                {
                    Walk(value, itemPath + Separator + "f:" + field, itemSchema?.Properties?.GetValueOrDefault(field), leaves, forceMap: false);
                }
            }
        }
    }

    private static void WalkSet(JsonArray set, string path, Dictionary<string, JsonNode?> leaves)
    {
        foreach (var item in set)
        {
            leaves[path + Separator + "v:" + (item?.ToJsonString() ?? "null")] = null;
        }
    }

    private static void Flatten(JsonObject tree, string prefix, HashSet<string> paths)
    {
        foreach (var (key, child) in tree)
        {
            var path = prefix.Length == 0 ? key : prefix + Separator + key;
            if (child is JsonObject { Count: > 0 } inner)
            {
                Flatten(inner, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }

    private static JsonObject Unflatten(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child)
                {
                    child = [];
                    node[element] = child;
                }

                node = child;
            }
        }

        return root;
    }

    private static string? Str(JsonObject obj, string field) =>
        obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>One managedFields entry being updated; <see cref="Fields"/> is its flattened FieldsV1 set.</summary>
    private sealed class Entry(string manager, string operation, string apiVersion, string subresource, DateTimeOffset? time, HashSet<string> fields)
    {
        public string Manager { get; } = manager;

        public string Operation { get; } = operation;

        public string ApiVersion { get; } = apiVersion;

        public string Subresource { get; } = subresource;

        public DateTimeOffset? Time { get; set; } = time;

        public HashSet<string> Fields { get; } = fields;

        /// <summary>The entry as it was read (kept verbatim while its fields and time do not change).</summary>
        public JsonObject? Original { get; init; }

        private int OriginalCount { get; } = fields.Count;

        private DateTimeOffset? OriginalTime { get; } = time;

        public bool Is(string manager, string subresource, string apiVersion) =>
            Operation == "Update" && Manager == manager && Subresource == subresource && ApiVersion == apiVersion;

        public JsonObject ToJson()
        {
            if (Original is not null && Fields.Count == OriginalCount && Time == OriginalTime)
            {
                return (JsonObject)Original.DeepClone();
            }

            var entry = new JsonObject
            {
                ["manager"] = Manager,
                ["operation"] = Operation,
                ["apiVersion"] = ApiVersion,
            };
            if (Time is { } t)
            {
                entry["time"] = Rfc3339.Format(t);
            }

            entry["fieldsType"] = "FieldsV1";
            entry["fieldsV1"] = Unflatten(Fields);
            if (Subresource.Length > 0)
            {
                entry["subresource"] = Subresource;
            }

            return entry;
        }
    }
}
