using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Patch;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) with the patch metadata this server publishes
/// in OpenAPI, so that what kubectl computes from the schema is what the server applies:
/// <list type="table">
/// <item><term>metadata.ownerReferences</term><description>merge list keyed by <c>uid</c> (the garbage collector's
/// <c>{"$patch":"delete","uid":…}</c> items remove one reference)</description></item>
/// <item><term>metadata.finalizers</term><description>merge list of strings (set union;
/// <c>$deleteFromPrimitiveList/finalizers</c> removes)</description></item>
/// <item><term>every other list</term><description>atomic: replaced wholesale (no <c>x-kubernetes-patch-strategy</c> in
/// the kinds' schemas, as for CRDs)</description></item>
/// <item><term>maps</term><description>merged; <c>null</c> deletes a key</description></item>
/// </list>
/// Directives: <c>$patch: replace|delete|merge</c> on maps and on merge-list items, <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c>, <c>$deleteFromPrimitiveList/&lt;list&gt;</c>. Never changes its arguments.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Merge lists by dotted path: the merge key, or null for a list of primitives.</summary>
    private static readonly Dictionary<string, string?> MergeLists = new(StringComparer.Ordinal)
    {
        ["metadata.ownerReferences"] = "uid",
        ["metadata.finalizers"] = null,
    };

    /// <summary>The patched copy of <paramref name="target"/> (a 422 for a malformed directive).</summary>
    public static JsonNode? Apply(JsonObject target, JsonObject patch) =>
        MergeMap((JsonObject)target.DeepClone(), patch, "");

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> (which is ours to change); null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject target, JsonObject patch, string path)
    {
        switch (StringOf(patch[PatchDirective]))
        {
            case "replace":
                return (JsonObject)StripDirectives(patch)!;
            case "delete":
                return null;
            case null or "merge":
                break;
            default:
                throw Invalid($"unknown patch type: {StringOf(patch[PatchDirective])} in map: {path}");
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : path + "." + key;
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchMap && target[key] is JsonObject targetMap)
            {
                var merged = MergeMap((JsonObject)targetMap.DeepClone(), patchMap, childPath);
                if (merged is null)
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = merged;
                }
            }
            else if (value is JsonObject newMap)
            {
                // A map where there was none (or a scalar): the patch's map, with its directives applied to nothing.
                var merged = MergeMap([], newMap, childPath);
                if (merged is null)
                {
                    target.Remove(key);
                }
                else
                {
                    target[key] = merged;
                }
            }
            else if (value is JsonArray patchList && MergeLists.TryGetValue(childPath, out var mergeKey))
            {
                target[key] = MergeList(target[key] as JsonArray, patchList, mergeKey, childPath);
            }
            else
            {
                target[key] = StripDirectives(value);
            }
        }

        // Directives about lists that the patch may not mention otherwise.
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) && value is JsonArray remove)
            {
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (target[field] is JsonArray list)
                {
                    var kept = list.Where(item => !remove.Any(r => JsonNodeEquality.JsonDeepEquals(r, item))).Select(i => i?.DeepClone()).ToArray();
                    target[field] = new JsonArray(kept);
                }
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = key[SetElementOrderPrefix.Length..];
                var childPath = path.Length == 0 ? field : path + "." + field;
                if (target[field] is JsonArray list && MergeLists.TryGetValue(childPath, out var mergeKey))
                {
                    target[field] = Reorder(list, order, mergeKey);
                }
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(StringOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        // An emptied merge list disappears, as an empty slice with omitempty does.
        foreach (var (listPath, _) in MergeLists)
        {
            var dot = listPath.LastIndexOf('.');
            if (listPath[..dot] == path && target[listPath[(dot + 1)..]] is JsonArray { Count: 0 })
            {
                target.Remove(listPath[(dot + 1)..]);
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string? mergeKey, string path)
    {
        var result = target is null ? [] : new JsonArray(target.Select(i => i?.DeepClone()).ToArray());
        if (mergeKey is null)
        {
            foreach (var item in patch)
            {
                if (!result.Any(existing => JsonNodeEquality.JsonDeepEquals(existing, item)))
                {
                    result.Add(item?.DeepClone());
                }
            }

            return result;
        }

        // {"$patch":"replace"} among the items: the list becomes the other items.
        if (patch.Any(i => i is JsonObject o && StringOf(o[PatchDirective]) == "replace"))
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey(PatchDirective))).Select(StripDirectives).ToArray());
        }

        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw Invalid($"the items of {path} must be objects with a {mergeKey}");
            }

            var key = patchItem[mergeKey];
            if (key is null)
            {
                throw Invalid($"map: {patchItem.ToJsonString()} does not contain declared merge key: {mergeKey}");
            }

            var index = IndexOf(result, mergeKey, key);
            switch (StringOf(patchItem[PatchDirective]))
            {
                case "delete":
                    while (index >= 0)
                    {
                        result.RemoveAt(index);
                        index = IndexOf(result, mergeKey, key);
                    }

                    break;
                case null or "merge":
                    if (index >= 0 && result[index] is JsonObject existing)
                    {
                        var merged = MergeMap((JsonObject)existing.DeepClone(), patchItem, path);
                        if (merged is null)
                        {
                            result.RemoveAt(index);
                        }
                        else
                        {
                            result[index] = merged;
                        }
                    }
                    else
                    {
                        result.Add(StripDirectives(patchItem));
                    }

                    break;
                default:
                    throw Invalid($"unknown patch type: {StringOf(patchItem[PatchDirective])} in list: {path}");
            }
        }

        return result;
    }

    /// <summary>Orders the list as <paramref name="order"/> says; items it does not mention keep their relative order after those it does.</summary>
    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FindIndex(i => mergeKey is null ? JsonNodeEquality.JsonDeepEquals(i, wanted) : i is JsonObject o && JsonNodeEquality.JsonDeepEquals(o[mergeKey], wanted?[mergeKey]));
            if (match >= 0)
            {
                ordered.Add(items[match]);
                items.RemoveAt(match);
            }
        }

        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNodeEquality.JsonDeepEquals(o[mergeKey], key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy without <c>$</c> directive keys anywhere (what is left of a patch once it is the value).</summary>
    private static JsonNode? StripDirectives(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !p.Key.StartsWith('$')).Select(p => KeyValuePair.Create(p.Key, StripDirectives(p.Value)))),
        JsonArray a => new JsonArray(a.Select(StripDirectives).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static StatusException Invalid(string message) => new(new Status
    {
        StatusValue = Status.Failure,
        Code = StatusCodes.Status422UnprocessableEntity,
        Reason = StatusReasons.Invalid,
        Message = message,
        Details = new StatusDetails { Causes = [new StatusCause { Reason = "UnexpectedServerResponse", Message = message }] },
    });
}
