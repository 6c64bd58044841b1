namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Validation of label maps and <see cref="LabelSelector"/>s, as k8s.io/apimachinery/pkg/apis/meta/v1/validation
/// does it. Errors on a map are reported on the map's path (not per key), as in Kubernetes:
/// <c>metadata.labels: Invalid value: "a b": name part must consist of …</c>.
/// </summary>
public static class LabelValidation
{
    /// <summary>The <c>operator</c> values of a <see cref="LabelSelectorRequirement"/>.</summary>
    public const string OperatorIn = "In";

    /// <inheritdoc cref="OperatorIn"/>
    public const string OperatorNotIn = "NotIn";

    /// <inheritdoc cref="OperatorIn"/>
    public const string OperatorExists = "Exists";

    /// <inheritdoc cref="OperatorIn"/>
    public const string OperatorDoesNotExist = "DoesNotExist";

    /// <summary>A label key: a qualified name.</summary>
    public static FieldErrorList ValidateLabelName(string labelName, FieldPath path) =>
        new(NameValidation.IsQualifiedName(labelName).Select(message => FieldError.Invalid(path, labelName, message)));

    /// <summary>Every key a qualified name, every value a label value; all errors on <paramref name="path"/> itself.</summary>
    public static FieldErrorList ValidateLabels(IReadOnlyDictionary<string, string>? labels, FieldPath path)
    {
        var errors = new FieldErrorList();
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            errors.AddRange(ValidateLabelName(key, path));
            errors.AddRange(NameValidation.IsValidLabelValue(value).Select(message => FieldError.Invalid(path, value, message)));
        }

        return errors;
    }

    /// <summary>
    /// A label selector as a field of an object (<c>spec.selector</c>): matchLabels as labels, and each expression's
    /// operator, values count, key and values. A <c>null</c> selector is valid.
    /// </summary>
    public static FieldErrorList ValidateLabelSelector(LabelSelector? selector, FieldPath path, LabelSelectorValidationOptions? options = null)
    {
        var errors = new FieldErrorList();
        if (selector is null)
        {
            return errors;
        }

        errors.AddRange(ValidateLabels(selector.MatchLabels, path.Child("matchLabels")));
        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            errors.AddRange(ValidateLabelSelectorRequirement(expressions[i], path.Child("matchExpressions").Index(i), options));
        }

        return errors;
    }

    /// <summary>One <c>matchExpressions</c> entry.</summary>
    public static FieldErrorList ValidateLabelSelectorRequirement(LabelSelectorRequirement requirement, FieldPath path, LabelSelectorValidationOptions? options = null)
    {
        options ??= LabelSelectorValidationOptions.Default;
        var errors = new FieldErrorList();
        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case OperatorIn or OperatorNotIn:
                if (values.Count == 0)
                {
                    errors.Add(FieldError.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                }

                break;
            case OperatorExists or OperatorDoesNotExist:
                if (values.Count > 0)
                {
                    errors.Add(FieldError.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }

                break;
            default:
                if (!options.AllowUnknownOperatorInRequirement)
                {
                    errors.Add(FieldError.Invalid(path.Child("operator"), requirement.Operator, "not a valid selector operator"));
                }

                break;
        }

        errors.AddRange(ValidateLabelName(requirement.Key, path.Child("key")));
        if (!options.AllowInvalidLabelValueInSelector)
        {
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i];
                errors.AddRange(NameValidation.IsValidLabelValue(value).Select(message => FieldError.Invalid(path.Child("values").Index(i), value, message)));
            }
        }

        return errors;
    }

    /// <summary>Whether any expression value is not a valid label value (data stored before values were checked).</summary>
    public static bool LabelSelectorHasInvalidLabelValue(LabelSelector? selector) =>
        selector?.MatchExpressions?.Any(e => e.Values?.Any(v => NameValidation.IsValidLabelValue(v).Count > 0) == true) == true;
}
