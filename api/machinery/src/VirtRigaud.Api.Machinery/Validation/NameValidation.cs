using System.Text;
using System.Text.RegularExpressions;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Syntax rules for names, keys and label values, as k8s.io/apimachinery/pkg/util/validation (<c>IsDNS1123Label</c>,
/// <c>IsQualifiedName</c>, …) and pkg/api/validation (<c>NameIsDNSSubdomain</c>, path segment names) define them.
/// Every <c>Is…</c> method returns the problems as Kubernetes' exact message fragments; an empty list means valid.
/// Lengths are counted in UTF-8 bytes, as Go's <c>len</c> does.
/// </summary>
/// <remarks>
/// The <c>NameIs…</c> methods have the shape of Kubernetes' <c>ValidateNameFunc</c>
/// (<see cref="ObjectMetaValidation.ValidateObjectMeta"/> takes one): with <c>prefix</c> set they check a
/// <c>generateName</c>, whose trailing dash is masked because random characters will follow it.
/// </remarks>
public static partial class NameValidation
{
    /// <summary>Longest RFC 1123 label.</summary>
    public const int Dns1123LabelMaxLength = 63;

    /// <summary>Longest RFC 1123 subdomain.</summary>
    public const int Dns1123SubdomainMaxLength = 253;

    /// <summary>Longest RFC 1035 label.</summary>
    public const int Dns1035LabelMaxLength = 63;

    /// <summary>Longest name part of a qualified name (the prefix may be a 253-byte subdomain).</summary>
    public const int QualifiedNameMaxLength = 63;

    /// <summary>Longest label value.</summary>
    public const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>An RFC 1123 label: lower-case alphanumerics and '-', at most 63 bytes (namespace names, most names).</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123LabelMaxLength)
        {
            errors.Add(ValidationMessages.MaxLen(Dns1123LabelMaxLength));
        }

        if (!Dns1123LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is not a valid label can only be wrong because of its dots (length was checked).
            errors.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : ValidationMessages.Regex(Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    /// <summary>An RFC 1123 subdomain: dot-separated labels, at most 253 bytes (the default object name rule).</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123SubdomainMaxLength)
        {
            errors.Add(ValidationMessages.MaxLen(Dns1123SubdomainMaxLength));
        }

        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    /// <summary>An RFC 1035 label: like an RFC 1123 label but starting with a letter (Service names).</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1035LabelMaxLength)
        {
            errors.Add(ValidationMessages.MaxLen(Dns1035LabelMaxLength));
        }

        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(Dns1035LabelMessage, Dns1035LabelFormat, "my-name", "abc-123"));
        }

        return errors;
    }

    /// <summary>
    /// A qualified name, the syntax of label and annotation keys and finalizers: an optional DNS subdomain prefix and
    /// '/', then a name of at most 63 bytes of alphanumerics, '-', '_' and '.', starting and ending alphanumeric.
    /// </summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part " + ValidationMessages.Empty());
                }
                else
                {
                    errors.AddRange(IsDns1123Subdomain(prefix).Select(m => "prefix part " + m));
                }

                break;
            default:
                errors.Add("a qualified name " + ValidationMessages.Regex(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + ValidationMessages.Empty());
        }
        else if (ByteLength(name) > QualifiedNameMaxLength)
        {
            errors.Add("name part " + ValidationMessages.MaxLen(QualifiedNameMaxLength));
        }

        // Deliberately not else: an empty name reports both "non-empty" and the pattern, as Kubernetes does.
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + ValidationMessages.Regex(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>A label value: empty, or at most 63 bytes of alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength)
        {
            errors.Add(ValidationMessages.MaxLen(LabelValueMaxLength));
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(ValidationMessages.Regex(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>A name that can be one segment of a URL path: not <c>.</c> or <c>..</c>, no <c>/</c> or <c>%</c>.</summary>
    public static IReadOnlyList<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }

        return IsValidPathSegmentPrefix(name);
    }

    /// <summary>A prefix of a path segment name (a <c>generateName</c>): no <c>/</c> or <c>%</c>.</summary>
    public static IReadOnlyList<string> IsValidPathSegmentPrefix(string name)
    {
        var errors = new List<string>();
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                errors.Add($"may not contain '{illegal}'");
            }
        }

        return errors;
    }

    /// <summary>ValidateNameFunc for kinds whose only rule is being a URL path segment (custom resources without a stricter rule).</summary>
    public static IReadOnlyList<string> ValidatePathSegmentName(string name, bool prefix) =>
        prefix ? IsValidPathSegmentPrefix(name) : IsValidPathSegmentName(name);

    /// <summary>ValidateNameFunc for names that must be DNS-1123 subdomains (the usual rule, and ours).</summary>
    public static IReadOnlyList<string> NameIsDnsSubdomain(string name, bool prefix) =>
        IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>ValidateNameFunc for names that must be DNS-1123 labels.</summary>
    public static IReadOnlyList<string> NameIsDnsLabel(string name, bool prefix) =>
        IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>ValidateNameFunc for names that must be DNS-1035 labels.</summary>
    public static IReadOnlyList<string> NameIsDns1035Label(string name, bool prefix) =>
        IsDns1035Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>ValidateNameFunc for namespace names: DNS-1123 labels.</summary>
    public static IReadOnlyList<string> ValidateNamespaceName(string name, bool prefix) => NameIsDnsLabel(name, prefix);

    /// <summary>
    /// Makes a <c>generateName</c> ending in '-' checkable as a name, since generated characters will follow the dash.
    /// Kubernetes drops the last two characters and appends 'a' (one shorter than the input); we keep that quirk so that
    /// the same prefixes pass and fail.
    /// </summary>
    internal static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;

    /// <summary>The length Go's <c>len</c> reports: UTF-8 bytes.</summary>
    internal static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    // \z rather than $: .NET's $ also matches before a final newline, Go's does not.
    [GeneratedRegex("^" + Dns1123LabelFormat + "\\z")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "\\z")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^" + Dns1035LabelFormat + "\\z")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^" + QualifiedNameFormat + "\\z")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFormat + "\\z")]
    private static partial Regex LabelValueRegex();
}
