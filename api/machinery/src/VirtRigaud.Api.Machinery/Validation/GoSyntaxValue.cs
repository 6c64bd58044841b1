using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// A <see cref="FieldError.BadValue"/> that prints the way Go prints it in Kubernetes' field errors (<c>%#v</c> of a
/// slice or struct, <c>String()</c> of a time), for values <see cref="FieldError.FormatValue"/> has no Go form for.
/// <see cref="Value"/> keeps the original for code that inspects errors.
/// </summary>
public sealed class GoSyntaxValue
{
    public GoSyntaxValue(object? value, string text)
    {
        Value = value;
        Text = text;
    }

    /// <summary>The value the error is about.</summary>
    public object? Value { get; }

    /// <summary>How Kubernetes prints it.</summary>
    public string Text { get; }

    /// <summary><c>[]string{"a", "b"}</c>; <c>null</c> prints as <c>[]string(nil)</c>, empty as <c>[]string{}</c>.</summary>
    public static GoSyntaxValue StringSlice(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return new(null, "[]string(nil)");
        }

        return new(values, "[]string{" + string.Join(", ", values.Select(FieldError.Quote)) + "}");
    }

    /// <summary>
    /// Go's <c>time.Time.String()</c> in UTC: <c>2024-01-02 03:04:05.5 +0000 UTC</c> (fraction without trailing zeros);
    /// <c>null</c> is Go's zero time, as a non-pointer <c>metav1.Time</c> would be.
    /// </summary>
    public static GoSyntaxValue Time(DateTimeOffset? time)
    {
        var utc = (time ?? DateTimeOffset.MinValue).ToUniversalTime();
        var text = new StringBuilder(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        if (fraction.Length > 0)
        {
            text.Append('.').Append(fraction);
        }

        return new(time, text.Append(" +0000 UTC").ToString());
    }

    /// <summary><c>v1.OwnerReference{APIVersion:"v1", Kind:"Pod", …}</c>.</summary>
    public static GoSyntaxValue OwnerReference(OwnerReference reference) => new(reference, FormatOwnerReference(reference));

    /// <summary><c>[]v1.OwnerReference{v1.OwnerReference{…}, …}</c>.</summary>
    public static GoSyntaxValue OwnerReferences(IReadOnlyList<OwnerReference> references) =>
        new(references, "[]v1.OwnerReference{" + string.Join(", ", references.Select(FormatOwnerReference)) + "}");

    public override string ToString() => Text;

    // Go prints a set *bool as its address; an address means nothing outside the process, so we print the value.
    private static string FormatOwnerReference(OwnerReference r) =>
        $"v1.OwnerReference{{APIVersion:{FieldError.Quote(r.ApiVersion)}, Kind:{FieldError.Quote(r.Kind)}, Name:{FieldError.Quote(r.Name)}, "
        + $"UID:{FieldError.Quote(r.Uid)}, Controller:{FormatBoolPointer(r.Controller)}, BlockOwnerDeletion:{FormatBoolPointer(r.BlockOwnerDeletion)}}}";

    private static string FormatBoolPointer(bool? value) => value switch
    {
        null => "(*bool)(nil)",
        true => "(*bool)(true)",
        false => "(*bool)(false)",
    };
}
