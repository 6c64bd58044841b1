using System.Diagnostics.CodeAnalysis;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>
/// The label selector lexer and recursive-descent parser of k8s.io/apimachinery/pkg/labels, reproduced rule for rule
/// so that the same strings parse, the same requirements result and failures carry the same messages:
/// <code>
/// selector    ::= requirement | requirement "," selector
/// requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
/// </code>
/// Whitespace (space, tab, CR, LF) separates tokens; <c>in</c> and <c>notin</c> are identifiers wherever a key or value
/// is expected; a missing VALUE is the empty string; <c>()</c> is the set {""}.
/// </summary>
internal sealed class SelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<Item> _items;
    private readonly FieldPath? _path;
    private int _position;

    private SelectorParser(string text, FieldPath? path)
    {
        _items = Scan(text);
        _path = path;
    }

    private enum Token
    {
        Error,
        EndOfString,
        CloseParen,
        Comma,
        Not,
        DoubleEqual,
        Equal,
        Greater,
        Identifier,
        In,
        Less,
        NotEqual,
        NotIn,
        OpenParen,
    }

    /// <summary>Whether a key or value is expected, where <c>in</c>/<c>notin</c> are ordinary identifiers.</summary>
    private enum Context
    {
        KeyAndOperator,
        Values,
    }

    /// <summary>The requirements in input order, or Kubernetes' error message (and field errors when requirement validation failed).</summary>
    public static bool TryParse(
        string text,
        FieldPath? path,
        [NotNullWhen(true)] out List<Requirement>? requirements,
        [NotNullWhen(false)] out string? error,
        out FieldErrorList? fieldErrors)
    {
        requirements = new SelectorParser(text, path).ParseSelector(out error, out fieldErrors);
        error = requirements is null ? error ?? "" : null;
        return requirements is not null;
    }

    private List<Requirement>? ParseSelector(out string? error, out FieldErrorList? fieldErrors)
    {
        fieldErrors = null;
        var requirements = new List<Requirement>();
        while (true)
        {
            var (token, literal) = Lookahead(Context.Values);
            switch (token)
            {
                case Token.Identifier or Token.Not:
                    var requirement = ParseRequirement(out error, out fieldErrors);
                    if (requirement is null)
                    {
                        error = "unable to parse requirement: " + error;
                        return null;
                    }

                    requirements.Add(requirement);
                    var (next, nextLiteral) = Consume(Context.Values);
                    switch (next)
                    {
                        case Token.EndOfString:
                            error = null;
                            return requirements;
                        case Token.Comma:
                            var (afterComma, afterCommaLiteral) = Lookahead(Context.Values);
                            if (afterComma is not (Token.Identifier or Token.Not))
                            {
                                error = $"found '{afterCommaLiteral}', expected: identifier after ','";
                                return null;
                            }

                            break;
                        default:
                            error = $"found '{nextLiteral}', expected: ',' or 'end of string'";
                            return null;
                    }

                    break;
                case Token.EndOfString:
                    error = null;
                    return requirements;
                default:
                    error = $"found '{literal}', expected: !, identifier, or 'end of string'";
                    return null;
            }
        }
    }

    private Requirement? ParseRequirement(out string? error, out FieldErrorList? fieldErrors)
    {
        fieldErrors = null;
        var key = ParseKeyAndInferOperator(out var op, out error, out var keyError);
        if (key is null)
        {
            if (keyError is not null)
            {
                fieldErrors = [keyError];
            }

            return null;
        }

        SelectionOperator finalOp;
        string[] values;
        if (op is { } unary)
        {
            finalOp = unary;
            values = [];
        }
        else
        {
            var parsedOp = ParseOperator(out error);
            if (parsedOp is null)
            {
                return null;
            }

            finalOp = parsedOp.Value;
            var set = finalOp is SelectionOperator.In or SelectionOperator.NotIn ? ParseValues(out error) : ParseExactValue(out error);
            if (set is null)
            {
                return null;
            }

            values = [.. set];
        }

        if (!Requirement.TryCreate(key, finalOp, values, out var requirement, out var errors, _path))
        {
            error = errors.ToString();
            fieldErrors = errors;
        }

        return requirement;
    }

    /// <summary>
    /// The key, with <paramref name="op"/> set to DoesNotExist after '!', to Exists when nothing follows the key,
    /// and left <c>null</c> when an operator must follow.
    /// </summary>
    private string? ParseKeyAndInferOperator(out SelectionOperator? op, out string? error, out FieldError? keyError)
    {
        op = null;
        keyError = null;
        var (token, literal) = Consume(Context.Values);
        if (token == Token.Not)
        {
            op = SelectionOperator.DoesNotExist;
            (token, literal) = Consume(Context.Values);
        }

        if (token != Token.Identifier)
        {
            error = $"found '{literal}', expected: identifier";
            return null;
        }

        keyError = Requirement.ValidateKey(literal, _path);
        if (keyError is not null)
        {
            error = keyError.ToString();
            return null;
        }

        if (Lookahead(Context.Values).Token is Token.EndOfString or Token.Comma && op != SelectionOperator.DoesNotExist)
        {
            op = SelectionOperator.Exists;
        }

        error = null;
        return literal;
    }

    private SelectionOperator? ParseOperator(out string? error)
    {
        var (token, literal) = Consume(Context.KeyAndOperator);
        error = null;
        switch (token)
        {
            case Token.In: return SelectionOperator.In;
            case Token.Equal: return SelectionOperator.Equal;
            case Token.DoubleEqual: return SelectionOperator.DoubleEqual;
            case Token.Greater: return SelectionOperator.GreaterThan;
            case Token.Less: return SelectionOperator.LessThan;
            case Token.NotIn: return SelectionOperator.NotIn;
            case Token.NotEqual: return SelectionOperator.NotEqual;
            default:
                error = $"found '{literal}', expected: {BinaryOperators}";
                return null;
        }
    }

    /// <summary><c>( VALUES )</c> as a sorted set; <c>()</c>, <c>(,)</c> and doubled commas contribute the empty value.</summary>
    private SortedSet<string>? ParseValues(out string? error)
    {
        var (token, literal) = Consume(Context.Values);
        if (token != Token.OpenParen)
        {
            // Kubernetes' message really lacks the comma here.
            error = $"found '{literal}' expected: '('";
            return null;
        }

        (token, literal) = Lookahead(Context.Values);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList(out error);
                if (set is null)
                {
                    return null;
                }

                // ParseIdentifiersList only succeeds in front of ')'.
                Consume(Context.Values);
                return set;
            case Token.CloseParen:
                Consume(Context.Values);
                error = null;
                return new SortedSet<string>(StringComparer.Ordinal) { "" };
            default:
                error = $"found '{literal}', expected: ',', ')' or identifier";
                return null;
        }
    }

    private SortedSet<string>? ParseIdentifiersList(out string? error)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(Context.Values);
            switch (token)
            {
                case Token.Identifier:
                    set.Add(literal);
                    var (next, nextLiteral) = Lookahead(Context.Values);
                    switch (next)
                    {
                        case Token.Comma:
                            continue;
                        case Token.CloseParen:
                            error = null;
                            return set;
                        default:
                            error = $"found '{nextLiteral}', expected: ',' or ')'";
                            return null;
                    }

                case Token.Comma:
                    // A comma with nothing before it, before ')' or before another comma stands for the empty value.
                    if (set.Count == 0)
                    {
                        set.Add("");
                    }

                    var following = Lookahead(Context.Values).Token;
                    if (following == Token.CloseParen)
                    {
                        set.Add("");
                        error = null;
                        return set;
                    }

                    if (following == Token.Comma)
                    {
                        set.Add("");
                    }

                    break;
                default:
                    error = $"found '{literal}', expected: ',', or identifier";
                    return null;
            }
        }
    }

    private SortedSet<string>? ParseExactValue(out string? error)
    {
        error = null;
        if (Lookahead(Context.Values).Token is Token.EndOfString or Token.Comma)
        {
            return new SortedSet<string>(StringComparer.Ordinal) { "" };
        }

        var (token, literal) = Consume(Context.Values);
        if (token == Token.Identifier)
        {
            return new SortedSet<string>(StringComparer.Ordinal) { literal };
        }

        error = $"found '{literal}', expected: identifier";
        return null;
    }

    private Item Lookahead(Context context) => InContext(_items[_position], context);

    private Item Consume(Context context) => InContext(_items[_position++], context);

    private static Item InContext(Item item, Context context) =>
        context == Context.Values && item.Token is Token.In or Token.NotIn ? item with { Token = Token.Identifier } : item;

    /// <summary>All tokens up to and including the end of the string.</summary>
    private static List<Item> Scan(string text)
    {
        var lexer = new Lexer(text);
        var items = new List<Item>();
        while (true)
        {
            var item = lexer.Lex();
            items.Add(item);
            if (item.Token is Token.EndOfString or Token.Error)
            {
                return items;
            }
        }
    }

    private static Token? KeywordOrSymbol(string literal) => literal switch
    {
        ")" => Token.CloseParen,
        "," => Token.Comma,
        "!" => Token.Not,
        "==" => Token.DoubleEqual,
        "=" => Token.Equal,
        ">" => Token.Greater,
        "in" => Token.In,
        "<" => Token.Less,
        "!=" => Token.NotEqual,
        "notin" => Token.NotIn,
        "(" => Token.OpenParen,
        _ => null,
    };

    private readonly record struct Item(Token Token, string Literal);

    /// <summary>
    /// Kubernetes' lexer. Reading past the end yields '\0', and so does a NUL in the input, which therefore ends the
    /// selector where a token would start and ends an identifier inside one (as in Go).
    /// </summary>
    private sealed class Lexer(string text)
    {
        private int _pos;

        public Item Lex()
        {
            var c = SkipWhitespace(Read());
            if (c == '\0')
            {
                return new Item(Token.EndOfString, "");
            }

            Unread();
            return IsSpecialSymbol(c) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
        }

        private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

        private static bool IsSpecialSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

        private char Read() => _pos < text.Length ? text[_pos++] : '\0';

        private void Unread() => _pos--;

        private char SkipWhitespace(char c)
        {
            while (IsWhitespace(c))
            {
                c = Read();
            }

            return c;
        }

        private Item ScanIdentifierOrKeyword()
        {
            var start = _pos;
            var end = _pos;
            while (true)
            {
                var c = Read();
                if (c == '\0')
                {
                    break;
                }

                if (IsSpecialSymbol(c) || IsWhitespace(c))
                {
                    Unread();
                    break;
                }

                end = _pos;
            }

            var literal = text[start..end];
            return new Item(KeywordOrSymbol(literal) ?? Token.Identifier, literal);
        }

        /// <summary>The longest run of symbols that is an operator: "!=" and "==" win over "!" and "=".</summary>
        private Item ScanSpecialSymbol()
        {
            var buffer = "";
            Item? last = null;
            while (true)
            {
                var c = Read();
                if (c == '\0')
                {
                    break;
                }

                if (!IsSpecialSymbol(c))
                {
                    Unread();
                    break;
                }

                buffer += c;
                if (KeywordOrSymbol(buffer) is { } token)
                {
                    last = new Item(token, buffer);
                }
                else if (last is not null)
                {
                    Unread();
                    break;
                }
            }

            return last ?? new Item(Token.Error, $"error expected: keyword found '{buffer}'");
        }
    }
}
