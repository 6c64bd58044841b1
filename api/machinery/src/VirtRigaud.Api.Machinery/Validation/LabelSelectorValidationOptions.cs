namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Relaxations of <see cref="LabelValidation.ValidateLabelSelector"/>, as metav1validation's
/// <c>LabelSelectorValidationOptions</c>. Both exist for backwards compatibility with already stored data; new
/// objects are validated with the defaults (everything checked).
/// </summary>
public sealed record LabelSelectorValidationOptions
{
    /// <summary>The defaults: operators and values are all checked.</summary>
    public static LabelSelectorValidationOptions Default { get; } = new();

    /// <summary>Do not check the syntax of <c>matchExpressions[].values</c>.</summary>
    public bool AllowInvalidLabelValueInSelector { get; init; }

    /// <summary>Accept operators other than In, NotIn, Exists and DoesNotExist (e.g. for access reviews).</summary>
    public bool AllowUnknownOperatorInRequirement { get; init; }
}
