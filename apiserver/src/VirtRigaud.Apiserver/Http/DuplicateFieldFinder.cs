using System.Text;
using System.Text.Json;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Finds keys that appear twice in one JSON object, which System.Text.Json silently resolves to the last value:
/// kube-apiserver's strict decoding reports them as <c>duplicate field "spec.replicas"</c>. A reader-level pass over
/// the bytes, so the document is parsed for this only once more and nothing is allocated for objects without
/// duplicates.
/// </summary>
internal static class DuplicateFieldFinder
{
    /// <summary>The dotted paths (<c>spec.disks[0].name</c>) of every duplicated key, in document order. Does not throw for invalid JSON (it stops).</summary>
    public static IReadOnlyList<string> Find(ReadOnlySpan<byte> utf8Json)
    {
        var duplicates = new List<string>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });

        // One frame per open container: the keys seen (objects) or the next index (arrays), and the path to it.
        var frames = new Stack<Frame>();
        string? pendingKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var path = ChildPath(frames, pendingKey);
                        pendingKey = null;
                        frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        AdvanceIndex(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        var key = reader.GetString()!;
                        var frame = frames.Peek();
                        if (!frame.Keys!.Add(key))
                        {
                            duplicates.Add(Join(frame.Path, key));
                        }

                        pendingKey = key;
                        break;
                    default:
                        pendingKey = null;
                        AdvanceIndex(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the real parse.
        }

        return duplicates;
    }

    private static string ChildPath(Stack<Frame> frames, string? key)
    {
        if (frames.Count == 0)
        {
            return "";
        }

        var parent = frames.Peek();
        return parent.Keys is null
            ? parent.Path + "[" + parent.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"
            : Join(parent.Path, key ?? "");
    }

    private static void AdvanceIndex(Stack<Frame> frames)
    {
        if (frames.Count > 0 && frames.Peek().Keys is null)
        {
            frames.Peek().Index++;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : new StringBuilder(path).Append('.').Append(key).ToString();

    private sealed class Frame(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = keys;

        public int Index { get; set; }
    }
}
