using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// Writes JSON as YAML the way kube-apiserver's YAML serializer does (JSON, then sigs.k8s.io/yaml's JSONToYAML over
/// go-yaml v2): keys sorted, two-space indentation, sequences not indented below their key, empty maps and lists as
/// <c>{}</c> and <c>[]</c>, and strings quoted whenever YAML 1.1 would read them as something else
/// (<c>"true"</c>, <c>"on"</c>, <c>"123"</c>, <c>"null"</c>, <c>""</c>) so that the output reads back as the same JSON.
/// </summary>
internal static partial class YamlWriter
{
    /// <summary>The YAML document for <paramref name="node"/> (a trailing newline included).</summary>
    public static string Write(JsonNode? node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                Plain(emitter, "null");
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        Plain(emitter, "true");
                        break;
                    case JsonValueKind.False:
                        Plain(emitter, "false");
                        break;
                    case JsonValueKind.Null:
                        Plain(emitter, "null");
                        break;
                    default:
                        Plain(emitter, value.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

    private static void EmitString(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (text.Contains('\n', StringComparison.Ordinal) && !text.Any(c => c != '\n' && char.IsControl(c)) && text.Trim(' ').Length == text.Length)
        {
            style = ScalarStyle.Literal;
        }
        else if (NeedsQuotes(text))
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            // The emitter falls back to a quoted style by itself when the plain form is not allowed (": ", " #", ...).
            style = ScalarStyle.Any;
        }

        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
    }

    /// <summary>Whether a plain scalar with this text would read back as something other than this string.</summary>
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || text.Any(char.IsControl)
        || Yaml11NonString().IsMatch(text);

    // YAML 1.1 booleans and nulls, integers (decimal, octal, hex, binary, sexagesimal), floats (with .inf/.nan),
    // merge key and timestamps: everything go-yaml would not read as a string.
    [GeneratedRegex(@"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|[-+]?(?:0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|(?:0|[1-9][0-9_]*)|[1-9][0-9_]*(?::[0-5]?[0-9])+)|[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?)$")]
    private static partial Regex Yaml11NonString();
}
