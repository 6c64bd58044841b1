using System.Globalization;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// RFC 3339 times as Kubernetes writes them: metav1.Time is UTC with seconds precision (<c>2025-03-01T10:00:00Z</c>),
/// metav1.MicroTime keeps six fractional digits. Parsing accepts any RFC 3339 offset and fraction.
/// </summary>
public static class Rfc3339
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd't'HH:mm:ssK",
        "yyyy-MM-dd't'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>metav1.Time form: UTC, whole seconds (fractions are truncated, as Go's marshaller does).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>metav1.MicroTime form: UTC with exactly six fractional digits.</summary>
    public static string FormatMicro(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 3339 date-time; <c>Z</c>, <c>z</c> or a numeric offset is required.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20)
        {
            return false;
        }

        // .NET's "K" accepts a missing offset; RFC 3339 does not.
        var last = text[^1];
        var hasOffset = last is 'Z' or 'z' || (text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset)
        {
            return false;
        }

        var normalized = last == 'z' ? text[..^1] + "Z" : text;
        return DateTimeOffset.TryParseExact(normalized, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Parses an RFC 3339 date-time or throws <see cref="FormatException"/>.</summary>
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not an RFC 3339 date-time");
}
