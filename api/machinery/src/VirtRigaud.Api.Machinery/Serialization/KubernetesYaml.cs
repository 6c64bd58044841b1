using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// Reads YAML the way kubectl and kube-apiserver do (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalar resolution
/// (<c>yes</c>/<c>on</c>/<c>On</c> are booleans, <c>0x1F</c> and <c>0777</c> are integers, <c>1e3</c> is a number,
/// timestamps stay strings), anchors, aliases and <c>&lt;&lt;</c> merge keys, non-string keys converted to strings,
/// multi-document streams with empty documents skipped. The result is JSON, which is what the API works on.
/// Duplicate keys are refused (strict decoding, as kubectl's default validation does).
/// </summary>
public static partial class KubernetesYaml
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>Every non-empty document of a YAML stream, as JSON.</summary>
    /// <exception cref="YamlFormatException">The text is not valid YAML or cannot be represented as JSON.</exception>
    public static IReadOnlyList<JsonNode> ReadDocuments(string yaml)
    {
        var documents = new List<JsonNode>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            while (!parser.Accept<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                var node = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors);
                parser.Consume<DocumentEnd>();
                if (node is not null)
                {
                    documents.Add(node);
                }
            }
        }
        catch (YamlException e)
        {
            throw new YamlFormatException($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}", e);
        }

        return documents;
    }

    /// <summary>The single document of a YAML text (an empty text is an error).</summary>
    public static JsonNode ReadDocument(string yaml)
    {
        var documents = ReadDocuments(yaml);
        return documents.Count switch
        {
            1 => documents[0],
            0 => throw new YamlFormatException("the YAML document is empty"),
            _ => throw new YamlFormatException($"expected one YAML document, found {documents.Count.ToString(CultureInfo.InvariantCulture)}"),
        };
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target?.DeepClone()
                : throw new YamlFormatException($"yaml: line {alias.Start.Line}: unknown anchor '{alias.Value.Value}' referenced");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = Resolve(scalar);
            Remember(anchors, scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, anchors));
            }

            Remember(anchors, sequenceStart.Anchor, array);
            return array;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var obj = new JsonObject();
            var merged = new List<JsonObject>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current;
                if (parser.Accept<Scalar>(out var keyScalar) && keyScalar.Value == "<<" && keyScalar.Style == ScalarStyle.Plain)
                {
                    parser.MoveNext();
                    CollectMerge(ReadNode(parser, anchors), merged, keyScalar.Start.Line);
                    continue;
                }

                var key = ReadNode(parser, anchors);
                var keyText = KeyToString(key, keyEvent?.Start.Line ?? 0);
                var value = ReadNode(parser, anchors);
                if (obj.ContainsKey(keyText))
                {
                    throw new YamlFormatException($"yaml: line {keyEvent?.Start.Line.ToString(CultureInfo.InvariantCulture)}: key \"{keyText}\" already set in map");
                }

                obj[keyText] = value;
            }

            // Merged keys never override keys written in the mapping itself; earlier merges win over later ones.
            foreach (var source in merged)
            {
                foreach (var (k, v) in source)
                {
                    if (!obj.ContainsKey(k))
                    {
                        obj[k] = v?.DeepClone();
                    }
                }
            }

            Remember(anchors, mappingStart.Anchor, obj);
            return obj;
        }

        throw new YamlFormatException($"yaml: unexpected {parser.Current?.GetType().Name ?? "end of stream"}");
    }

    private static void CollectMerge(JsonNode? value, List<JsonObject> merged, long line)
    {
        switch (value)
        {
            case JsonObject o:
                merged.Add(o);
                break;
            case JsonArray a when a.All(x => x is JsonObject):
                merged.AddRange(a.Cast<JsonObject>());
                break;
            default:
                throw new YamlFormatException($"yaml: line {line.ToString(CultureInfo.InvariantCulture)}: map merge requires map or sequence of maps as the value");
        }
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
        }
    }

    private static string KeyToString(JsonNode? key, long line) => key switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => throw new YamlFormatException($"yaml: line {line.ToString(CultureInfo.InvariantCulture)}: invalid map key: a key must be a scalar"),
    };

    /// <summary>Resolves a scalar as go-yaml v2 does for an untyped target.</summary>
    private static JsonNode? Resolve(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag.Length > 0 && tag != "!" && tag != "?")
        {
            return ResolveTagged(scalar, tag);
        }

        // Quoted, literal and folded scalars, and the non-specific "!" tag, are strings.
        if (scalar.Style != ScalarStyle.Plain || tag == "!")
        {
            return JsonValue.Create(scalar.Value);
        }

        return ResolvePlain(scalar.Value, scalar.Start.Line);
    }

    private static JsonNode? ResolveTagged(Scalar scalar, string tag)
    {
        var name = tag.StartsWith(TagPrefix, StringComparison.Ordinal) ? tag[TagPrefix.Length..] : tag;
        switch (name)
        {
            case "str":
            case "binary":
            case "timestamp":
                return JsonValue.Create(scalar.Value);
            case "null":
                return null;
            case "bool":
            case "int":
            case "float":
                var resolved = ResolvePlain(scalar.Value, scalar.Start.Line);
                var ok = name switch
                {
                    "bool" => resolved is JsonValue b && b.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
                    _ => resolved is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
                };
                return ok
                    ? resolved
                    : throw new YamlFormatException($"yaml: line {scalar.Start.Line.ToString(CultureInfo.InvariantCulture)}: cannot decode !!{name} `{scalar.Value}`");
            default:
                // Application tags carry no meaning for Kubernetes objects: the value is a string.
                return JsonValue.Create(scalar.Value);
        }
    }

    private static JsonNode? ResolvePlain(string text, long line)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                throw new YamlFormatException($"yaml: line {line.ToString(CultureInfo.InvariantCulture)}: the value {text} is not representable in JSON");
            default:
                break;
        }

        var first = text[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.'))
        {
            return JsonValue.Create(text);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInt(plain, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (TryParseGoUInt(plain, out var unsigned))
        {
            return JsonValue.Create(unsigned);
        }

        if (YamlFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>: optional sign, then 0x/0o/0b prefixes or a leading 0 for octal.</summary>
    private static bool TryParseGoInt(string s, out long value)
    {
        value = 0;
        var negative = false;
        var body = s;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (!TryParseGoUInt(body, out var magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    private static bool TryParseGoUInt(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var (digits, radix) = s.Length > 1 && s[0] == '0'
            ? (s[1] is 'x' or 'X' ? (s[2..], 16) : s[1] is 'b' or 'B' ? (s[2..], 2) : s[1] is 'o' or 'O' ? (s[2..], 8) : (s[1..], 8))
            : (s, 10);
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            var next = (value * (ulong)radix) + (ulong)d;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false;
            }

            value = next;
        }

        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();
}
