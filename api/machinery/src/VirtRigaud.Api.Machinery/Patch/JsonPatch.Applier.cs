using System.Globalization;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

// The application half of JsonPatch: one Applier per operation, working in place on the clone Apply made.
public sealed partial class JsonPatch
{
    /// <summary>Applies one operation to the working copy, in place where it can, and returns the (possibly new) root.</summary>
    private readonly struct Applier(JsonPatchOperation operation, int index)
    {
        private string OpName => JsonPatchOperation.OpName(operation.Op);

        public JsonNode? Apply(JsonNode? root)
        {
            var path = operation.Path;
            switch (operation.Op)
            {
                case JsonPatchOperationType.Add:
                    return Add(root, path, operation.Value?.DeepClone());

                case JsonPatchOperationType.Remove:
                    Remove(root, path);
                    return root;

                case JsonPatchOperationType.Replace:
                    return Replace(root, path, operation.Value?.DeepClone());

                case JsonPatchOperationType.Move:
                    {
                        var from = operation.From!;
                        if (from.Equals(path))
                        {
                            // Moving a value onto itself changes nothing, but the value must exist.
                            _ = Resolve(root, from, "from ");
                            return root;
                        }

                        if (from.IsProperPrefixOf(path))
                        {
                            throw Fail(JsonPatchErrorKind.NotApplicable,
                                $"move operation does not apply: \"from\" location \"{from}\" is a proper prefix of \"path\" location \"{path}\": a value cannot be moved into one of its children");
                        }

                        // Removing first is what RFC 6902 §4.4 specifies: indexes in "path" see the array without the moved element.
                        var value = Remove(root, from, "from ");
                        return Add(root, path, value);
                    }

                case JsonPatchOperationType.Copy:
                    return Add(root, path, Resolve(root, operation.From!, "from ")?.DeepClone());

                default:
                    Test(root, path);
                    return root;
            }
        }

        private JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value)
        {
            if (path.IsRoot)
            {
                return value;
            }

            var parent = ResolveParent(root, path);
            var token = path.LastToken!;
            switch (parent)
            {
                case JsonObject obj:
                    obj[token] = value;
                    return root;

                case JsonArray array:
                    if (token == JsonPointer.AppendToken)
                    {
                        array.Add(value);
                        return root;
                    }

                    // Inserting at Count appends: RFC 6902 §4.1 allows an index up to the array's size.
                    array.Insert(ArrayIndex(array, path, token, allowEnd: true), value);
                    return root;

                default:
                    throw Missing(path, "", $"the parent is {Describe(parent)}, which has no members");
            }
        }

        private JsonNode? Remove(JsonNode? root, JsonPointer path, string which = "")
        {
            if (path.IsRoot)
            {
                throw Fail(JsonPatchErrorKind.NotApplicable, $"{OpName} operation does not apply: the whole document cannot be removed");
            }

            var parent = ResolveParent(root, path, which);
            var token = path.LastToken!;
            switch (parent)
            {
                case JsonObject obj:
                    if (!obj.TryGetPropertyValue(token, out var value))
                    {
                        throw Missing(path, which, "no such member");
                    }

                    obj.Remove(token);
                    return value;

                case JsonArray array:
                    {
                        var i = ArrayIndex(array, path, token, allowEnd: false, which);
                        var item = array[i];
                        array.RemoveAt(i);
                        return item;
                    }

                default:
                    throw Missing(path, which, $"the parent is {Describe(parent)}, which has no members");
            }
        }

        private JsonNode? Replace(JsonNode? root, JsonPointer path, JsonNode? value)
        {
            if (path.IsRoot)
            {
                return value;
            }

            var parent = ResolveParent(root, path);
            var token = path.LastToken!;
            switch (parent)
            {
                case JsonObject obj:
                    if (!obj.ContainsKey(token))
                    {
                        throw Missing(path, "", "no such member");
                    }

                    obj[token] = value;
                    return root;

                case JsonArray array:
                    array[ArrayIndex(array, path, token, allowEnd: false)] = value;
                    return root;

                default:
                    throw Missing(path, "", $"the parent is {Describe(parent)}, which has no members");
            }
        }

        private void Test(JsonNode? root, JsonPointer path)
        {
            // As in evanphx/json-patch (and so Kubernetes): a missing member is a failed test; a missing parent or a
            // bad array index is a bad path.
            JsonNode? actual;
            if (path.IsRoot)
            {
                actual = root;
            }
            else
            {
                var parent = ResolveParent(root, path);
                var token = path.LastToken!;
                switch (parent)
                {
                    case JsonObject obj:
                        if (!obj.TryGetPropertyValue(token, out actual))
                        {
                            throw TestFailed(path);
                        }

                        break;
                    case JsonArray array:
                        actual = array[ArrayIndex(array, path, token, allowEnd: false)];
                        break;
                    default:
                        throw Missing(path, "", $"the parent is {Describe(parent)}, which has no members");
                }
            }

            if (!JsonNodeEquality.JsonDeepEquals(actual, operation.Value))
            {
                throw TestFailed(path);
            }
        }

        private JsonPatchApplyException TestFailed(JsonPointer path) =>
            Fail(JsonPatchErrorKind.TestFailed, $"testing value {path} failed: test failed");

        private JsonNode? Resolve(JsonNode? root, JsonPointer pointer, string which) =>
            pointer.TryNavigate(root, pointer.Tokens.Count, out var node, out var error)
                ? node
                : throw Fail(JsonPatchErrorKind.PathNotFound, $"{OpName} operation does not apply: doc is missing {which}path: \"{pointer}\": {error}");

        private JsonNode? ResolveParent(JsonNode? root, JsonPointer pointer, string which = "") =>
            pointer.TryNavigate(root, pointer.Tokens.Count - 1, out var node, out var error)
                ? node
                : throw Fail(JsonPatchErrorKind.PathNotFound, $"{OpName} operation does not apply: doc is missing {which}path: \"{pointer}\": {error}");

        private int ArrayIndex(JsonArray array, JsonPointer path, string token, bool allowEnd, string which = "")
        {
            if (!JsonPointer.TryParseArrayIndex(token, out var i))
            {
                throw Missing(path, which, token == JsonPointer.AppendToken
                    ? "\"-\" refers to the element after the last one, which does not exist"
                    : $"\"{token}\" is not a valid array index");
            }

            var limit = allowEnd ? array.Count : array.Count - 1;
            if (i > limit)
            {
                throw Missing(path, which, string.Create(CultureInfo.InvariantCulture, $"index {i} is out of range for an array of length {array.Count}"));
            }

            return i;
        }

        private JsonPatchApplyException Missing(JsonPointer path, string which, string reason) =>
            Fail(JsonPatchErrorKind.PathNotFound, $"{OpName} operation does not apply: doc is missing {which}path: \"{path}\": {reason}");

        private JsonPatchApplyException Fail(JsonPatchErrorKind kind, string message) => new(kind, message, index, operation);
    }
}
