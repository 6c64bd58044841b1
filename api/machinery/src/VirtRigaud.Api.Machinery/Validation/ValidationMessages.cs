using System.Globalization;
using System.Text;

namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// The message fragments Kubernetes' validators share (k8s.io/apimachinery/pkg/util/validation and
/// pkg/api/validation), so that every rule built on them prints exactly what kube-apiserver prints.
/// </summary>
public static class ValidationMessages
{
    /// <summary>Detail of an update that changes an immutable field.</summary>
    public const string FieldImmutable = "field is immutable";

    /// <summary>Detail of a negative value where only zero or more is allowed.</summary>
    public const string IsNegative = "must be greater than or equal to 0";

    /// <summary><c>must be no more than 63 characters</c>. Kubernetes counts UTF-8 bytes although it says characters.</summary>
    public static string MaxLen(int length) =>
        string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    /// <summary><c>must be non-empty</c>.</summary>
    public static string Empty() => "must be non-empty";

    /// <summary><c>must be between 1 and 65535, inclusive</c>.</summary>
    public static string InclusiveRange(long low, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {low} and {high}, inclusive");

    /// <summary>
    /// A regular-expression failure with examples, punctuated exactly as Kubernetes does (including the doubled space
    /// before each <c>or</c>): <c>msg (e.g. 'my-name',  or '123-abc', regex used for validation is '…')</c>.
    /// </summary>
    public static string Regex(string message, string pattern, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + pattern + "')";
        }

        var sb = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" or ");
            }

            sb.Append('\'').Append(examples[i]).Append("', ");
        }

        return sb.Append("regex used for validation is '").Append(pattern).Append("')").ToString();
    }
}
