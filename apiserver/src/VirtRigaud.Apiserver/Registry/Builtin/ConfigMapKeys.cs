using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// apimachinery's <c>IsConfigMapKey</c>, the rule for the keys of Secret and ConfigMap data: <c>[-._a-zA-Z0-9]+</c>, at
/// most 253 characters, not <c>.</c> or <c>..</c> and not starting with <c>..</c>. Pure.
/// </summary>
internal static class ConfigMapKeys
{
    private const string Format = "[-._a-zA-Z0-9]+";
    private const string Message = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

    /// <summary>The problems of a key, in Kubernetes' words; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string key)
    {
        var errors = new List<string>();
        if (System.Text.Encoding.UTF8.GetByteCount(key) > NameValidation.Dns1123SubdomainMaxLength)
        {
            errors.Add(ValidationMessages.MaxLen(NameValidation.Dns1123SubdomainMaxLength));
        }

        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(ValidationMessages.Regex(Message, Format, "key.name", "KEY_NAME", "key-name"));
        }

        if (key == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (key == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }
}
