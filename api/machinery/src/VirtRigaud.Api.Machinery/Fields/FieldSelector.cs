using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using VirtRigaud.Api.Machinery.Labels;

namespace VirtRigaud.Api.Machinery.Fields;

/// <summary>
/// An immutable field selector (k8s.io/apimachinery/pkg/fields): the AND of <c>field=value</c> and
/// <c>field!=value</c> terms over an object's selectable fields. <see cref="Everything"/> has no terms.
/// </summary>
/// <remarks>
/// Syntax: terms separated by ','; each term is <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>, split
/// at the first operator. Field names have no escaping; in values <c>\\</c>, <c>\,</c> and <c>\=</c> stand for
/// <c>\</c>, <c>,</c> and <c>=</c> (<see cref="EscapeValue"/>), and a bare ',' or '=' or any other escape is an error.
/// Parsing sorts the terms by their text, so <see cref="ToString"/> is canonical. A missing field reads as the empty
/// string when matching, so <c>spec.x=</c> matches objects without <c>spec.x</c>; a term with neither field nor value
/// is dropped.
/// </remarks>
public sealed class FieldSelector
{
    private static readonly string[] TermOperators = ["!=", "==", "="];

    private readonly FieldRequirement[] _terms;

    private FieldSelector(FieldRequirement[] terms)
    {
        _terms = terms;
    }

    /// <summary>Matches every object; prints as the empty string.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms in order (sorted by their text when parsed).</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _terms;

    /// <summary>Whether the selector restricts nothing.</summary>
    public bool IsEmpty => _terms.Length == 0;

    /// <summary>Parses Kubernetes' field selector syntax; <see cref="FieldSelectorFormatException"/> with Kubernetes' message on error.</summary>
    public static FieldSelector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FieldSelectorFormatException(error);

    /// <summary>Parses like <see cref="Parse"/>; <c>false</c> for <c>null</c> or invalid text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FieldSelector? selector) =>
        TryParse(text, out selector, out _);

    /// <summary>Parses like <see cref="Parse"/>, returning Kubernetes' message instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FieldSelector? selector, [NotNullWhen(false)] out string? error)
    {
        selector = null;
        if (text is null)
        {
            error = "a field selector is required";
            return false;
        }

        var parts = SplitTerms(text);
        parts.Sort(StringComparer.Ordinal);
        var terms = new List<FieldRequirement>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(part, out var field, out var op, out var rawValue))
            {
                error = $"invalid selector: '{text}'; can't understand '{part}'";
                return false;
            }

            if (!TryUnescapeValue(rawValue, out var value, out error))
            {
                return false;
            }

            // Kubernetes runs every parsed term through an identity transform, which turns a term with neither field
            // nor value ("=", "!=") into Everything and drops it.
            if (field.Length != 0 || value.Length != 0)
            {
                terms.Add(new FieldRequirement(field, op, value));
            }
        }

        error = null;
        selector = new FieldSelector([.. terms]);
        return true;
    }

    /// <summary><c>field=value</c> for every entry, sorted by field (fields.SelectorFromSet). <c>null</c> is <see cref="Everything"/>.</summary>
    public static FieldSelector FromSet(IEnumerable<KeyValuePair<string, string>>? fields) =>
        new([.. (fields ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new FieldRequirement(kv.Key, SelectionOperator.Equal, kv.Value))]);

    /// <summary>The single term <c>field=value</c> (fields.OneTermEqualSelector).</summary>
    public static FieldSelector OneTermEqual(string field, string value) => new([new FieldRequirement(field, SelectionOperator.Equal, value)]);

    /// <summary>The single term <c>field!=value</c> (fields.OneTermNotEqualSelector).</summary>
    public static FieldSelector OneTermNotEqual(string field, string value) => new([new FieldRequirement(field, SelectionOperator.NotEqual, value)]);

    /// <summary>The AND of several selectors, terms kept in order (fields.AndSelectors).</summary>
    public static FieldSelector And(params IEnumerable<FieldSelector> selectors) => new([.. selectors.SelectMany(s => s._terms)]);

    /// <summary>Whether every term holds; <paramref name="fieldValue"/> returns a field's value, <c>null</c> for absent (read as "").</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var term in _terms)
        {
            var actual = fieldValue(term.Field) ?? "";
            var equal = string.Equals(actual, term.Value, StringComparison.Ordinal);
            if (term.Operator == SelectionOperator.NotEqual ? equal : !equal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every term holds over a map of field values (fields.Set); absent fields read as "".</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? fields) =>
        Matches(field => fields is not null && fields.TryGetValue(field, out var v) ? v : null);

    /// <summary>
    /// The value of the first <c>field=value</c> term on <paramref name="field"/>, if any (fields.RequiresExactMatch):
    /// lets a store serve <c>metadata.name=x</c> as a get and <c>metadata.namespace=y</c> from one namespace.
    /// </summary>
    public bool RequiresExactMatch(string field, [NotNullWhen(true)] out string? value)
    {
        foreach (var term in _terms)
        {
            if (term.Operator != SelectionOperator.NotEqual && term.Field == field)
            {
                value = term.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Rewrites every term's field and value (fields.Selector.Transform), e.g. to map a legacy field name; a term
    /// rewritten to an empty field and value is dropped (it then matches everything). May throw to reject a term.
    /// </summary>
    public FieldSelector Transform(Func<string, string, (string Field, string Value)> transform)
    {
        var terms = new List<FieldRequirement>(_terms.Length);
        foreach (var term in _terms)
        {
            var (field, value) = transform(term.Field, term.Value);
            if (field.Length != 0 || value.Length != 0)
            {
                terms.Add(term with { Field = field, Value = value });
            }
        }

        return new FieldSelector([.. terms]);
    }

    /// <summary>The terms joined with ',', values escaped: <c>metadata.name=a\,b,status.phase!=Done</c>.</summary>
    public override string ToString() =>
        string.Join(",", _terms.Select(t => t.Field + (t.Operator == SelectionOperator.NotEqual ? "!=" : "=") + EscapeValue(t.Value)));

    /// <summary>Escapes '\', ',' and '=' in a value so that it can be written into a selector (fields.EscapeValue).</summary>
    public static string EscapeValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '\\' or ',' or '=')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The literal value of an escaped one (fields.UnescapeValue); <see cref="FieldSelectorFormatException"/> on a bad escape.</summary>
    public static string UnescapeValue(string value) =>
        TryUnescapeValue(value, out var result, out var error) ? result : throw new FieldSelectorFormatException(error);

    /// <summary>
    /// Like <see cref="UnescapeValue"/>, returning Kubernetes' message on failure:
    /// <c>invalid field selector: invalid escape sequence: \x</c> or
    /// <c>invalid field selector: unescaped character in value: 61</c> (Go prints the code point of the character).
    /// </summary>
    public static bool TryUnescapeValue(string value, [NotNullWhen(true)] out string? result, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            result = value;
            return true;
        }

        result = null;
        var sb = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (escaped)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    error = "invalid field selector: invalid escape sequence: \\" + rune;
                    return false;
                }

                sb.Append(rune);
                escaped = false;
                continue;
            }

            switch (rune.Value)
            {
                case '\\':
                    escaped = true;
                    break;
                case ',' or '=':
                    error = "invalid field selector: unescaped character in value: " + rune.Value.ToString(CultureInfo.InvariantCulture);
                    return false;
                default:
                    sb.Append(rune);
                    break;
            }
        }

        if (escaped)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }

        result = sb.ToString();
        return true;
    }

    /// <summary>Splits at commas that are not escaped; escapes stay in the terms for <see cref="TryUnescapeValue"/>.</summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        if (text.Length == 0)
        {
            return terms;
        }

        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    /// <summary>Splits a term at the first operator; at each position "!=" is tried before "==" before "=".</summary>
    private static bool TrySplitTerm(string term, out string field, out SelectionOperator op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in TermOperators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate == "!=" ? SelectionOperator.NotEqual : SelectionOperator.Equal;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }

        field = "";
        op = SelectionOperator.Equal;
        value = "";
        return false;
    }
}
