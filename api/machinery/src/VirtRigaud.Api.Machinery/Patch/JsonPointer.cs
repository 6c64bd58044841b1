using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>
/// An immutable JSON Pointer (RFC 6901) such as <c>/spec/disks/0/name</c>: the paths of JSON patch operations and the
/// way to address one value in a <see cref="JsonNode"/> tree.
/// </summary>
/// <remarks>
/// <para>Syntax: the empty string is the whole document; any other pointer starts with <c>/</c> and each reference
/// token escapes <c>~</c> as <c>~0</c> and <c>/</c> as <c>~1</c>. Any other use of <c>~</c> is an error.</para>
/// <para>Evaluation (RFC 6901 §4):</para>
/// <list type="table">
/// <item><term>object</term><description>the token is a member name, taken literally (<c>"0"</c>, <c>"-"</c>, <c>"01"</c> are names)</description></item>
/// <item><term>array</term><description>the token must be <c>0</c> or a decimal number without leading zeros, below the length; <c>-</c> names the
/// (nonexistent) element after the last one, which only an <c>add</c> can use</description></item>
/// <item><term>anything else</term><description>there is nothing to descend into: an error</description></item>
/// </list>
/// <para>Member names compare ordinally, as JSON Patch requires.</para>
/// </remarks>
public sealed class JsonPointer : IEquatable<JsonPointer>
{
    /// <summary>The token that, in an array, means "after the last element" (RFC 6901 §4, RFC 6902 §4.1).</summary>
    public const string AppendToken = "-";

    private readonly string[] _tokens;
    private readonly string _text;

    private JsonPointer(string[] tokens, string text)
    {
        _tokens = tokens;
        _text = text;
    }

    /// <summary>The empty pointer: the whole document.</summary>
    public static JsonPointer Root { get; } = new([], "");

    /// <summary>The unescaped reference tokens, outermost first.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Whether this is the empty pointer, which refers to the whole document.</summary>
    public bool IsRoot => _tokens.Length == 0;

    /// <summary>The pointer to the value that contains this one, or <c>null</c> for <see cref="Root"/>.</summary>
    public JsonPointer? Parent => IsRoot ? null : FromTokenArray(_tokens[..^1]);

    /// <summary>The last unescaped reference token, or <c>null</c> for <see cref="Root"/>.</summary>
    public string? LastToken => IsRoot ? null : _tokens[^1];

    /// <summary>Parses a pointer in its JSON string form (not the URI fragment form).</summary>
    /// <exception cref="FormatException">The text does not start with <c>/</c> or has a <c>~</c> not followed by <c>0</c> or <c>1</c>.</exception>
    public static JsonPointer Parse(string pointer) =>
        TryParse(pointer, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Parses a pointer, returning <c>false</c> instead of throwing when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? pointer, [NotNullWhen(true)] out JsonPointer? result)
    {
        if (pointer is null)
        {
            result = null;
            return false;
        }

        return TryParse(pointer, out result, out _);
    }

    /// <summary>Builds a pointer from unescaped reference tokens; <c>FromTokens("a/b", "0")</c> is <c>/a~1b/0</c>.</summary>
    public static JsonPointer FromTokens(params IEnumerable<string> tokens) => FromTokenArray([.. tokens]);

    /// <summary>This pointer with one more (unescaped) reference token.</summary>
    public JsonPointer Append(string token) => new([.. _tokens, token], _text + "/" + EscapeToken(token));

    /// <summary>This pointer with one more array index.</summary>
    public JsonPointer Append(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Append(index.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether this pointer is a proper prefix of <paramref name="other"/>, compared token by token: <c>/a</c> is a
    /// proper prefix of <c>/a/b</c> but neither of <c>/a</c> nor of <c>/ab</c>. The root is a proper prefix of every
    /// other pointer.
    /// </summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        if (_tokens.Length >= other._tokens.Length)
        {
            return false;
        }

        for (var i = 0; i < _tokens.Length; i++)
        {
            if (!string.Equals(_tokens[i], other._tokens[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Finds the value this pointer refers to. Returns <c>false</c> when it does not exist; a JSON <c>null</c> that exists
    /// returns <c>true</c> with a <c>null</c> <paramref name="value"/>.
    /// </summary>
    public bool TryEvaluate(JsonNode? document, out JsonNode? value) => TryNavigate(document, _tokens.Length, out value, out _);

    /// <summary>The value this pointer refers to (<c>null</c> for a JSON null).</summary>
    /// <exception cref="KeyNotFoundException">The value does not exist; the message says which token failed and why.</exception>
    public JsonNode? Evaluate(JsonNode? document) =>
        TryNavigate(document, _tokens.Length, out var value, out var error) ? value : throw new KeyNotFoundException(error);

    /// <summary>Escapes one reference token: <c>~</c> becomes <c>~0</c>, then <c>/</c> becomes <c>~1</c>.</summary>
    public static string EscapeToken(string token)
    {
        if (token.AsSpan().IndexOfAny('~', '/') < 0)
        {
            return token;
        }

        var sb = new StringBuilder(token.Length + 4);
        foreach (var c in token)
        {
            _ = c switch
            {
                '~' => sb.Append("~0"),
                '/' => sb.Append("~1"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>Unescapes one reference token: <c>~1</c> becomes <c>/</c> and <c>~0</c> becomes <c>~</c>, in one pass, so <c>~01</c> is <c>~1</c>.</summary>
    /// <exception cref="FormatException">A <c>~</c> is not followed by <c>0</c> or <c>1</c>.</exception>
    public static string UnescapeToken(string escaped) =>
        TryUnescapeToken(escaped, out var token) ? token : throw new FormatException($"invalid JSON pointer token \"{escaped}\": '~' must be followed by '0' or '1'");

    /// <summary>
    /// Parses an array index token (RFC 6901 §4): <c>0</c>, or ASCII digits without a leading zero. Returns <c>false</c>
    /// for anything else (<c>-</c>, <c>01</c>, <c>1e0</c>, <c>+1</c>, <c>-1</c>) and for numbers too large for any array.
    /// </summary>
    public static bool TryParseArrayIndex(string token, out int index)
    {
        index = 0;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        long value = 0;
        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return false;
            }
        }

        index = (int)value;
        return true;
    }

    /// <summary>The pointer in its JSON string form, escaped: <c>/metadata/labels/app.kubernetes.io~1name</c>.</summary>
    public override string ToString() => _text;

    public bool Equals(JsonPointer? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is JsonPointer p && Equals(p);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>
    /// Walks the first <paramref name="count"/> tokens from <paramref name="document"/>. On failure,
    /// <paramref name="error"/> says which prefix does not exist and why.
    /// </summary>
    internal bool TryNavigate(JsonNode? document, int count, out JsonNode? node, [NotNullWhen(false)] out string? error)
    {
        node = document;
        for (var i = 0; i < count; i++)
        {
            if (!TryStep(node, _tokens[i], out var child, out var reason))
            {
                error = $"{Prefix(i + 1)} does not exist: {reason}";
                node = null;
                return false;
            }

            node = child;
        }

        error = null;
        return true;
    }

    /// <summary>The escaped form of the first <paramref name="count"/> tokens, for messages.</summary>
    internal string Prefix(int count)
    {
        if (count == _tokens.Length)
        {
            return _text;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append('/').Append(EscapeToken(_tokens[i]));
        }

        return sb.ToString();
    }

    private static bool TryStep(JsonNode? node, string token, out JsonNode? child, [NotNullWhen(false)] out string? reason)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(token, out child))
                {
                    reason = null;
                    return true;
                }

                reason = "no such member";
                return false;

            case JsonArray array:
                child = null;
                if (!TryParseArrayIndex(token, out var index))
                {
                    reason = token == AppendToken
                        ? "\"-\" refers to the element after the last one, which does not exist"
                        : $"\"{token}\" is not a valid array index";
                    return false;
                }

                if (index >= array.Count)
                {
                    reason = $"index {token} is out of range for an array of length {array.Count}";
                    return false;
                }

                child = array[index];
                reason = null;
                return true;

            default:
                child = null;
                reason = $"cannot look up \"{token}\" in {Describe(node)}";
                return false;
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a non-container value",
    };

    private static JsonPointer FromTokenArray(string[] tokens)
    {
        if (tokens.Length == 0)
        {
            return Root;
        }

        var sb = new StringBuilder();
        foreach (var token in tokens)
        {
            sb.Append('/').Append(EscapeToken(token));
        }

        return new JsonPointer(tokens, sb.ToString());
    }

    private static bool TryParse(string pointer, [NotNullWhen(true)] out JsonPointer? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (pointer.Length == 0)
        {
            result = Root;
            error = null;
            return true;
        }

        if (pointer[0] != '/')
        {
            error = $"invalid JSON pointer \"{pointer}\": a non-empty pointer must start with '/'";
            return false;
        }

        var raw = pointer[1..].Split('/');
        var tokens = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (!TryUnescapeToken(raw[i], out var token))
            {
                error = $"invalid JSON pointer \"{pointer}\": '~' must be followed by '0' or '1'";
                return false;
            }

            tokens[i] = token;
        }

        result = new JsonPointer(tokens, pointer);
        error = null;
        return true;
    }

    private static bool TryUnescapeToken(string escaped, [NotNullWhen(true)] out string? token)
    {
        var tilde = escaped.IndexOf('~', StringComparison.Ordinal);
        if (tilde < 0)
        {
            token = escaped;
            return true;
        }

        var sb = new StringBuilder(escaped.Length);
        sb.Append(escaped, 0, tilde);
        for (var i = tilde; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c != '~')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= escaped.Length || escaped[i + 1] is not ('0' or '1'))
            {
                token = null;
                return false;
            }

            sb.Append(escaped[i + 1] == '0' ? '~' : '/');
            i++;
        }

        token = sb.ToString();
        return true;
    }
}
