using System.Diagnostics.CodeAnalysis;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.Machinery.Labels;

/// <summary>
/// An immutable label selector: the AND of its <see cref="Requirements"/>, kept sorted by key (stable for equal keys),
/// as k8s.io/apimachinery/pkg/labels.Selector. <see cref="Everything"/> (no requirements) matches every label set;
/// <see cref="Nothing"/> matches none and is what a <c>null</c> <see cref="LabelSelector"/> means.
/// </summary>
/// <remarks>
/// Built by <see cref="Parse"/> (the <c>labelSelector</c> query parameter and <c>status.selector</c> strings),
/// <see cref="FromSet"/> (<c>k=v</c> for each label) or <see cref="FromLabelSelector"/> (API objects).
/// <see cref="ToString"/> prints the canonical form, which parses back to an equal selector.
/// </remarks>
public sealed class Selector
{
    private readonly Requirement[] _requirements;
    private readonly bool _nothing;

    private Selector(Requirement[] requirements, bool nothing)
    {
        _requirements = requirements;
        _nothing = nothing;
    }

    /// <summary>Matches every label set, including none; prints as the empty string.</summary>
    public static Selector Everything { get; } = new([], false);

    /// <summary>Matches no label set; also prints as the empty string, but is not <see cref="IsEmpty"/>.</summary>
    public static Selector Nothing { get; } = new([], true);

    /// <summary>The requirements, sorted by key; empty for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public IReadOnlyList<Requirement> Requirements => _requirements;

    /// <summary>Whether the selector does not restrict anything (Kubernetes' <c>Empty()</c>).</summary>
    public bool IsEmpty => !_nothing && _requirements.Length == 0;

    /// <summary>Whether this is <see cref="Nothing"/> (Kubernetes' <c>labels.MatchesNothing</c>, which detects only that).</summary>
    public bool MatchesNothing => _nothing;

    /// <summary>
    /// Parses Kubernetes' selector syntax; see <see cref="SelectorParser"/> for the grammar. The empty string is
    /// <see cref="Everything"/>. Throws <see cref="SelectorFormatException"/> with Kubernetes' message.
    /// </summary>
    /// <param name="text">The selector.</param>
    /// <param name="path">Prefix of the paths in key and value errors; Kubernetes prints <c>&lt;nil&gt;</c> for a key without one.</param>
    public static Selector Parse(string text, FieldPath? path = null)
    {
        if (!SelectorParser.TryParse(text, path, out var requirements, out var error, out var fieldErrors))
        {
            throw new SelectorFormatException(error, fieldErrors);
        }

        return FromRequirements(requirements);
    }

    /// <summary>Parses like <see cref="Parse"/>; <c>false</c> for <c>null</c> or invalid text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Selector? selector) =>
        TryParse(text, out selector, out _);

    /// <summary>Parses like <see cref="Parse"/>, returning Kubernetes' message instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Selector? selector, [NotNullWhen(false)] out string? error)
    {
        selector = null;
        if (text is null)
        {
            error = "a label selector is required";
            return false;
        }

        if (!SelectorParser.TryParse(text, null, out var requirements, out error, out _))
        {
            return false;
        }

        selector = FromRequirements(requirements);
        return true;
    }

    /// <summary>
    /// <c>key=value</c> for every label (SelectorFromSet). Not validated, like Kubernetes: an invalid set yields a
    /// selector the server will reject when sent. <c>null</c> or empty is <see cref="Everything"/>.
    /// </summary>
    public static Selector FromSet(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        var requirements = (labels ?? [])
            .Select(kv => Requirement.CreateUnchecked(kv.Key, SelectionOperator.Equal, [kv.Value]))
            .ToList();
        return FromRequirements(requirements);
    }

    /// <summary>Like <see cref="FromSet"/>, but every key and value is validated first (ValidatedSelectorFromSet).</summary>
    public static Selector ValidatedFromSet(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        var requirements = new List<Requirement>();
        foreach (var (key, value) in (labels ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            requirements.Add(Requirement.Create(key, SelectionOperator.Equal, [value]));
        }

        return FromRequirements(requirements);
    }

    /// <summary>
    /// metav1.LabelSelectorAsSelector: <c>null</c> is <see cref="Nothing"/>, an empty selector is
    /// <see cref="Everything"/>; matchLabels become <c>k=v</c> and matchExpressions In/NotIn/Exists/DoesNotExist.
    /// Throws <see cref="SelectorFormatException"/> with Kubernetes' message for an unknown operator
    /// (<c>"Foo" is not a valid label selector operator</c>), a wrong number of values or invalid keys and values.
    /// </summary>
    /// <remarks>Kubernetes walks matchLabels in random map order; we walk them sorted, so the first error is deterministic.</remarks>
    public static Selector FromLabelSelector(LabelSelector? labelSelector)
    {
        if (labelSelector is null)
        {
            return Nothing;
        }

        var matchLabels = labelSelector.MatchLabels ?? new Dictionary<string, string>();
        var expressions = labelSelector.MatchExpressions ?? [];
        if (matchLabels.Count + expressions.Count == 0)
        {
            return Everything;
        }

        var requirements = new List<Requirement>(matchLabels.Count + expressions.Count);
        foreach (var (key, value) in matchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            requirements.Add(Requirement.Create(key, SelectionOperator.Equal, [value]));
        }

        foreach (var expression in expressions)
        {
            var op = expression.Operator switch
            {
                LabelValidation.OperatorIn => SelectionOperator.In,
                LabelValidation.OperatorNotIn => SelectionOperator.NotIn,
                LabelValidation.OperatorExists => SelectionOperator.Exists,
                LabelValidation.OperatorDoesNotExist => SelectionOperator.DoesNotExist,
                _ => throw new SelectorFormatException($"{FieldError.Quote(expression.Operator)} is not a valid label selector operator"),
            };

            // Kubernetes copies the values into a nil slice, so "no values" always reads []string(nil) in errors.
            var values = expression.Values is { Count: > 0 } v ? v : null;
            requirements.Add(Requirement.Create(expression.Key, op, values));
        }

        return FromRequirements(requirements);
    }

    /// <summary>Whether every requirement matches; always <c>false</c> for <see cref="Nothing"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        !_nothing && _requirements.All(r => r.Matches(labels));

    /// <summary>A new selector with <paramref name="requirements"/> added and all re-sorted by key; <see cref="Nothing"/> stays Nothing.</summary>
    public Selector Add(params IEnumerable<Requirement> requirements) =>
        _nothing ? this : FromRequirements([.. _requirements, .. requirements]);

    /// <summary>
    /// Whether the selector pins <paramref name="label"/> to one value (<c>=</c>, <c>==</c> or a one-value <c>in</c>),
    /// judged by the first requirement on that key, as Kubernetes does. Lets a store use an index.
    /// </summary>
    public bool RequiresExactMatch(string label, [NotNullWhen(true)] out string? value)
    {
        value = null;
        foreach (var requirement in _requirements)
        {
            if (requirement.Key != label)
            {
                continue;
            }

            if (requirement.Operator is SelectionOperator.Equal or SelectionOperator.DoubleEqual or SelectionOperator.In
                && requirement.Values.Count == 1)
            {
                value = requirement.Values[0];
                return true;
            }

            return false;
        }

        return false;
    }

    /// <summary>The canonical text: requirements sorted by key joined with ','; <c>""</c> for Everything and Nothing.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    private static Selector FromRequirements(IEnumerable<Requirement> requirements) =>
        new([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], false);
}
