using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>
/// One immutable term of a label <see cref="Selector"/>: a key, an operator and values (labels.Requirement).
/// Created only through <see cref="Create"/> / <see cref="TryCreate"/>, which enforce Kubernetes' rules:
/// <list type="table">
/// <listheader><term>operator</term><description>values</description></listheader>
/// <item><term>in, notin</term><description>at least one</description></item>
/// <item><term>=, ==, !=</term><description>exactly one</description></item>
/// <item><term>exists, !</term><description>none</description></item>
/// <item><term>gt, lt</term><description>exactly one, a base-10 64-bit integer</description></item>
/// </list>
/// The key must be a qualified name and every value a label value (the empty string is a valid value).
/// </summary>
public sealed class Requirement : IEquatable<Requirement>
{
    private readonly string[] _values;

    private Requirement(string key, SelectionOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>How the label relates to <see cref="Values"/>.</summary>
    public SelectionOperator Operator { get; }

    /// <summary>The values in the order given (parsing sorts and de-duplicates them); <see cref="ToString"/> sorts.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>A valid requirement, or <see cref="SelectorFormatException"/> whose message is Kubernetes' aggregate of field errors.</summary>
    /// <param name="key">The label key.</param>
    /// <param name="op">The operator.</param>
    /// <param name="values">The values; <c>null</c> and empty are both "no values" (they only print differently in errors).</param>
    /// <param name="path">Prefix for error paths (<c>key</c>, <c>values[0][key]</c> by default).</param>
    public static Requirement Create(string key, SelectionOperator op, IEnumerable<string>? values = null, FieldPath? path = null)
    {
        if (!TryCreate(key, op, values, out var requirement, out var errors, path))
        {
            throw new SelectorFormatException(errors.ToString(), errors);
        }

        return requirement;
    }

    /// <summary>Like <see cref="Create"/>, reporting every problem as field errors instead of throwing.</summary>
    public static bool TryCreate(
        string key,
        SelectionOperator op,
        IEnumerable<string>? values,
        [NotNullWhen(true)] out Requirement? requirement,
        out FieldErrorList errors,
        FieldPath? path = null)
    {
        var list = values?.ToArray();
        errors = Validate(key, op, list, path);
        requirement = errors.Count == 0 ? new Requirement(key, op, list ?? []) : null;
        return requirement is not null;
    }

    /// <summary>A requirement that skips validation, for selectors built from already validated sets.</summary>
    internal static Requirement CreateUnchecked(string key, SelectionOperator op, string[] values) => new(key, op, values);

    /// <summary>
    /// Whether <paramref name="labels"/> satisfy this requirement. Absent keys satisfy <c>!=</c>, <c>notin</c> and
    /// <c>!</c> only; <c>gt</c>/<c>lt</c> need the label to be a base-10 integer.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var present = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case SelectionOperator.In or SelectionOperator.Equal or SelectionOperator.DoubleEqual:
                return present && _values.Contains(value, StringComparer.Ordinal);
            case SelectionOperator.NotIn or SelectionOperator.NotEqual:
                return !present || !_values.Contains(value, StringComparer.Ordinal);
            case SelectionOperator.Exists:
                return present;
            case SelectionOperator.DoesNotExist:
                return !present;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (!present || !TryParseInt64(value!, out var actual) || _values.Length != 1 || !TryParseInt64(_values[0], out var bound))
                {
                    return false;
                }

                return Operator == SelectionOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>
    /// Kubernetes' text for the requirement: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
    /// <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>, <c>k&gt;1</c>, <c>k&lt;1</c>; several values are printed sorted.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == SelectionOperator.DoesNotExist)
        {
            sb.Append('!');
        }

        sb.Append(Key);
        switch (Operator)
        {
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist:
                return sb.ToString();
            case SelectionOperator.Equal:
                sb.Append('=');
                break;
            case SelectionOperator.DoubleEqual:
                sb.Append("==");
                break;
            case SelectionOperator.NotEqual:
                sb.Append("!=");
                break;
            case SelectionOperator.In:
                sb.Append(" in (");
                break;
            case SelectionOperator.NotIn:
                sb.Append(" notin (");
                break;
            case SelectionOperator.GreaterThan:
                sb.Append('>');
                break;
            case SelectionOperator.LessThan:
                sb.Append('<');
                break;
        }

        sb.Append(_values.Length == 1 ? _values[0] : string.Join(",", _values.Order(StringComparer.Ordinal)));
        if (Operator is SelectionOperator.In or SelectionOperator.NotIn)
        {
            sb.Append(')');
        }

        return sb.ToString();
    }

    /// <summary>Same key, operator and values in the same order.</summary>
    public bool Equals(Requirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => obj is Requirement r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Key), Operator, _values.Length);

    /// <summary>
    /// NewRequirement's checks, in its order: key, values count for the operator, integers for gt/lt, value syntax.
    /// </summary>
    internal static FieldErrorList Validate(string key, SelectionOperator op, string[]? values, FieldPath? path)
    {
        var errors = new FieldErrorList();
        if (ValidateKey(key, ChildOf(path, "key")) is { } keyError)
        {
            errors.Add(keyError);
        }

        var count = values?.Length ?? 0;
        var valuesPath = ChildOf(path, "values");
        switch (op)
        {
            case SelectionOperator.In or SelectionOperator.NotIn:
                if (count == 0)
                {
                    errors.Add(FieldError.Invalid(valuesPath, GoSyntaxValue.StringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
                }

                break;
            case SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.NotEqual:
                if (count != 1)
                {
                    errors.Add(FieldError.Invalid(valuesPath, GoSyntaxValue.StringSlice(values), "exact-match compatibility requires one single value"));
                }

                break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist:
                if (count != 0)
                {
                    errors.Add(FieldError.Invalid(valuesPath, GoSyntaxValue.StringSlice(values), "values set must be empty for exists and does not exist"));
                }

                break;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (count != 1)
                {
                    errors.Add(FieldError.Invalid(valuesPath, GoSyntaxValue.StringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < count; i++)
                {
                    if (!TryParseInt64(values![i], out _))
                    {
                        errors.Add(FieldError.Invalid(valuesPath.Index(i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
            default:
                errors.Add(FieldError.NotSupported(ChildOf(path, "operator"), op.ToSelectionString(), SelectionOperatorExtensions.All.Select(o => o.ToSelectionString())));
                break;
        }

        for (var i = 0; i < count; i++)
        {
            var messages = NameValidation.IsValidLabelValue(values![i]);
            if (messages.Count > 0)
            {
                errors.Add(FieldError.Invalid(valuesPath.Index(i).Key(key), values[i], string.Join("; ", messages)));
            }
        }

        return errors;
    }

    /// <summary>The key check the parser and NewRequirement share: one error joining every problem with "; ".</summary>
    internal static FieldError? ValidateKey(string key, FieldPath? path)
    {
        var messages = NameValidation.IsQualifiedName(key);
        if (messages.Count == 0)
        {
            return null;
        }

        // Kubernetes prints a missing path as "<nil>" (the parser validates keys without one).
        return new FieldError(FieldErrorType.Invalid, path?.ToString() ?? "<nil>", key, string.Join("; ", messages));
    }

    /// <summary>Go's strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only, in range.</summary>
    internal static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        var digits = s.AsSpan(s.StartsWith('+') || s.StartsWith('-') ? 1 : 0);

        // Checked by hand because .NET's parser also tolerates trailing NUL characters, which Go rejects.
        return digits.Length > 0
            && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static FieldPath ChildOf(FieldPath? parent, string name) => parent is null ? FieldPath.NewPath(name) : parent.Child(name);
}
