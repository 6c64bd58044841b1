using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// A list response whose items are written straight from the store's (possibly shared) objects without copying them
/// into a new tree: <paramref name="Head"/> holds apiVersion, kind and metadata; <paramref name="Items"/> follow under
/// <c>items</c>. Nothing here is mutated.
/// </summary>
internal sealed record ListBody(JsonObject Head, IReadOnlyList<JsonNode> Items)
{
    /// <summary>The list as one JSON tree (items copied), for the YAML writer.</summary>
    public JsonObject Materialize()
    {
        var list = (JsonObject)Head.DeepClone();
        list["items"] = new JsonArray(Items.Select(i => i.DeepClone()).ToArray());
        return list;
    }
}
