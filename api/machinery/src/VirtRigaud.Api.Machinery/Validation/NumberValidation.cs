using System.Text.RegularExpressions;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Numeric rules from k8s.io/apimachinery (<c>IsValidPercent</c>, <c>IsInRange</c>, <c>ValidateNonnegativeField</c>)
/// with Kubernetes' exact messages.
/// </summary>
public static partial class NumberValidation
{
    private const string PercentFormat = "[0-9]+%";
    private const string PercentMessage = "a valid percent string must be a numeric string followed by an ending '%'";

    /// <summary>A percentage string such as <c>25%</c> (digits then '%'; no sign, no fraction).</summary>
    public static IReadOnlyList<string> IsValidPercent(string percent) =>
        PercentRegex().IsMatch(percent) ? [] : [ValidationMessages.Regex(PercentMessage, PercentFormat, "1%", "93%")];

    /// <summary>An integer within <paramref name="min"/>..<paramref name="max"/>, both inclusive.</summary>
    public static IReadOnlyList<string> IsInRange(long value, long min, long max) =>
        value >= min && value <= max ? [] : [ValidationMessages.InclusiveRange(min, max)];

    /// <summary>A field that may not be negative (e.g. <c>metadata.generation</c>).</summary>
    public static FieldErrorList ValidateNonnegativeField(long value, FieldPath path)
    {
        var errors = new FieldErrorList();
        if (value < 0)
        {
            errors.Add(FieldError.Invalid(path, value, ValidationMessages.IsNegative));
        }

        return errors;
    }

    [GeneratedRegex("^" + PercentFormat + "\\z")]
    private static partial Regex PercentRegex();
}
