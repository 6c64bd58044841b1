using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): what <c>kubectl patch --type=merge</c>, the
/// garbage collector and the scale subresource send, and what a client computes from an old and a new object.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>patch is an object</term><description>merged member by member into the target (a non-object target is first replaced by <c>{}</c>)</description></item>
/// <item><term>member value <c>null</c></term><description>removes that member (absent members stay absent)</description></item>
/// <item><term>member value an object</term><description>merged recursively</description></item>
/// <item><term>anything else</term><description>replaces the target (or member) wholesale; arrays are never merged</description></item>
/// </list>
/// A merge patch cannot set a member to <c>null</c>, and cannot change an array partially (RFC 7386 §1).
/// Neither method ever changes its arguments: results are new trees that share no node with the inputs.
/// </remarks>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> exactly as RFC 7386 §2 <c>MergePatch</c> does.</summary>
    /// <returns>A new tree; <c>null</c> is the JSON null (the result of a <c>null</c> patch).</returns>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        // One clone of the target, then merged in place: the clone is ours to change.
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>
    /// The smallest merge patch that turns <paramref name="original"/> into <paramref name="modified"/>: removed
    /// members become <c>null</c>, changed objects are diffed recursively, everything else that changed (arrays
    /// included) is replaced wholesale, and unchanged members are left out. Values compare with
    /// <see cref="JsonNodeEquality.JsonDeepEquals"/>, so <c>1</c> and <c>1.0</c> count as unchanged.
    /// </summary>
    /// <remarks>
    /// <c>Apply(original, CreateMergePatch(original, modified))</c> equals <paramref name="modified"/>, except that an
    /// object member whose value is <c>null</c> in <paramref name="modified"/> comes out absent unless it was already
    /// <c>null</c> in <paramref name="original"/> — merge patch has no way to say "set to null". Nulls inside arrays
    /// are kept. When either side is not an object, the patch is <paramref name="modified"/> itself.
    /// </remarks>
    public static JsonNode? CreateMergePatch(JsonNode? original, JsonNode? modified) =>
        original is JsonObject o && modified is JsonObject m ? Diff(o, m) : CloneWithoutNullMembers(modified);

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            switch (value)
            {
                case null:
                case JsonValue when value.GetValueKind() == JsonValueKind.Null:
                    target.Remove(name);
                    break;
                case JsonObject nested:
                    var child = target.TryGetPropertyValue(name, out var existing) && existing is JsonObject existingObject
                        ? existingObject
                        : null;
                    if (child is null)
                    {
                        child = [];
                        target[name] = child;
                    }

                    MergeInto(child, nested);
                    break;
                default:
                    target[name] = value.DeepClone();
                    break;
            }
        }
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (name, _) in original)
        {
            if (!modified.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in modified)
        {
            if (!original.TryGetPropertyValue(name, out var before))
            {
                // A null for a member that is absent anyway would change nothing.
                if (value is not null)
                {
                    patch[name] = CloneWithoutNullMembers(value);
                }

                continue;
            }

            if (before is JsonObject beforeObject && value is JsonObject afterObject)
            {
                var nested = Diff(beforeObject, afterObject);
                if (nested.Count > 0)
                {
                    patch[name] = nested;
                }
            }
            else if (!JsonNodeEquality.JsonDeepEquals(before, value))
            {
                patch[name] = CloneWithoutNullMembers(value);
            }
        }

        return patch;
    }

    /// <summary>
    /// A clone for use as a patch value. Null members inside objects are dropped because, applied, they would only
    /// remove members from the empty object the patch starts from; arrays are cloned whole, nulls and all.
    /// </summary>
    private static JsonNode? CloneWithoutNullMembers(JsonNode? value)
    {
        if (value is not JsonObject obj)
        {
            return value?.DeepClone();
        }

        var clone = new JsonObject();
        foreach (var (name, member) in obj)
        {
            if (member is not null)
            {
                clone[name] = CloneWithoutNullMembers(member);
            }
        }

        return clone;
    }
}
