using System.Globalization;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// intstr.IntOrString: a JSON integer or string, e.g. a port (<c>8080</c> / <c>"http"</c>) or an amount that may be a
/// percentage (<c>1</c> / <c>"25%"</c>).
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    /// <summary>Whether this holds an integer (otherwise a string).</summary>
    public bool IsInt => StringValue is null;

    /// <summary>The integer value (0 when this holds a string).</summary>
    public int IntValue { get; }

    /// <summary>The string value, or <c>null</c> when this holds an integer.</summary>
    public string? StringValue { get; }

    public static IntOrString FromInt(int value) => new(value, null);

    public static IntOrString FromString(string value) => new(0, value);

    public static implicit operator IntOrString(int value) => FromInt(value);

    public static implicit operator IntOrString(string value) => FromString(value);

    /// <summary>
    /// Resolves an integer or a percentage against <paramref name="total"/> (intstr.GetScaledValueFromIntOrPercent):
    /// <c>"25%"</c> of 10 is 3 rounding up and 2 rounding down. Strings without <c>%</c> and malformed percentages are errors.
    /// </summary>
    public int GetScaledValue(int total, bool roundUp)
    {
        if (IsInt)
        {
            return IntValue;
        }

        var s = StringValue!;
        if (!s.EndsWith('%') || !int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage");
        }

        var product = (long)percent * total;
        return (int)(roundUp ? Math.Ceiling(product / 100.0) : Math.Floor(product / 100.0));
    }

    /// <summary>Whether this is a well-formed percentage string such as <c>"25%"</c>.</summary>
    public bool IsPercent => !IsInt && StringValue!.EndsWith('%')
        && int.TryParse(StringValue.AsSpan(0, StringValue.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public override string ToString() => IsInt ? IntValue.ToString(CultureInfo.InvariantCulture) : StringValue!;
}
