using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// What Go's encoder knows about one payload type that a JSON tree does not: which objects are maps, which fields are
/// <c>omitempty</c>, which hold a <c>resource.Quantity</c> or <c>metav1.Duration</c> (canonical text on the wire),
/// and which struct values Go writes even when absent. Paths are property names joined by dots, array items as
/// <c>[]</c> (e.g. <c>guestCommands[].timeout</c>). Immutable and thread-safe.
/// </summary>
internal sealed class GoShape
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// CRD JSON: every field is <c>omitempty</c> unless listed in <see cref="KeepZero"/> (non-omitempty fields and
    /// pointers, whose false/0 Go still writes; <c>null</c> is always left out). <c>false</c>, <c>0</c>, <c>""</c>, empty arrays and empty maps are
    /// then left out; an empty object that is not a map stays (a non-nil pointer to an empty struct is <c>{}</c>).
    /// False for the PascalCase contracts, whose fields are all written.
    /// </summary>
    public bool OmitEmpty { get; init; }

    public IReadOnlySet<string> KeepZero { get; init; } = None;

    public IReadOnlySet<string> Maps { get; init; } = None;

    public IReadOnlySet<string> Quantities { get; init; } = None;

    public IReadOnlySet<string> Durations { get; init; } = None;

    /// <summary>Struct values Go writes when absent: (object path, field, zero value, the field it follows or null for first).</summary>
    public IReadOnlyList<(string Path, string Field, string ZeroJson, string? After)> StructZeroValues { get; init; } = [];

    /// <summary>Go's bytes for <paramref name="node"/>, which this method normalizes in place.</summary>
    public string Write(JsonNode? node)
    {
        Normalize(node, "");
        return GoJson.Write(node, Maps);
    }

    private void Normalize(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var childPath = GoJson.Child(path, name);
                    var value = obj[name];
                    if (Quantities.Contains(childPath) && value is JsonValue q && q.GetValueKind() == JsonValueKind.String)
                    {
                        obj[name] = Quantity.Parse(q.GetValue<string>()).ToCanonicalString();
                    }
                    else if (Durations.Contains(childPath) && value is JsonValue d && d.GetValueKind() == JsonValueKind.String)
                    {
                        obj[name] = Duration.Parse(d.GetValue<string>()).ToGoString();
                    }
                    else
                    {
                        Normalize(value, childPath);
                    }

                    // A nil pointer is left out whatever KeepZero says: every non-omitempty field of these shapes is a value.
                    if (OmitEmpty && (obj[name] is null || (!KeepZero.Contains(childPath) && IsEmpty(obj[name], Maps.Contains(childPath)))))
                    {
                        obj.Remove(name);
                    }
                }

                foreach (var (objectPath, field, zeroJson, after) in StructZeroValues)
                {
                    if (objectPath == path && !obj.ContainsKey(field))
                    {
                        var index = after is null ? 0 : IndexOf(obj, after) + 1;
                        obj.Insert(index, field, JsonNode.Parse(zeroJson));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Normalize(item, path + "[]");
                }

                break;
        }
    }

    private static bool IsEmpty(JsonNode? node, bool isMap) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => isMap && obj.Count == 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.False => true,
            JsonValueKind.String => value.GetValue<string>().Length == 0,
            JsonValueKind.Number => value.ToJsonString() == "0",
            _ => false,
        },
        _ => false,
    };

    private static int IndexOf(JsonObject obj, string name)
    {
        var i = 0;
        foreach (var property in obj)
        {
            if (property.Key == name)
            {
                return i;
            }

            i++;
        }

        return -1;
    }
}
