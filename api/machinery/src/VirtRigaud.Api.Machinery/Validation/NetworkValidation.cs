namespace VirtRigaud.Api.Machinery.Validation;

/// <summary>
/// Address and port rules from k8s.io/apimachinery/pkg/util/validation. IP and CIDR parsing is Kubernetes' "sloppy"
/// parsing (Go 1.16 <c>net.ParseIP</c>): IPv4 octets may carry leading zeros and are read as decimal; IPv6 zones are
/// rejected; an IPv4-mapped IPv6 address (<c>::ffff:1.2.3.4</c>) counts as IPv4.
/// </summary>
public static class NetworkValidation
{
    private const string IPExample = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    private const string CidrExample = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    /// <summary>A port number, 1..65535.</summary>
    public static IReadOnlyList<string> IsValidPortNum(int port) =>
        port is >= 1 and <= 65535 ? [] : [ValidationMessages.InclusiveRange(1, 65535)];

    /// <summary>
    /// An IANA service port name: 1..15 characters of [-a-z0-9] with at least one letter, no leading, trailing or
    /// doubled dash.
    /// </summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errors = new List<string>();
        if (NameValidation.ByteLength(port) > 15)
        {
            errors.Add(ValidationMessages.MaxLen(15));
        }

        if (port.Length == 0 || !port.All(c => c is '-' or (>= 'a' and <= 'z') or (>= '0' and <= '9')))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!port.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    /// <summary>An IPv4 or IPv6 address.</summary>
    public static FieldErrorList IsValidIP(FieldPath path, string value)
    {
        var errors = new FieldErrorList();
        if (SloppyIPParser.ParseIP(value) is null)
        {
            errors.Add(FieldError.Invalid(path, value, IPExample));
        }

        return errors;
    }

    /// <summary>An IPv4 address (an IPv4-mapped IPv6 address is accepted, as in Kubernetes).</summary>
    public static FieldErrorList IsValidIPv4Address(FieldPath path, string value)
    {
        var errors = new FieldErrorList();
        var ip = SloppyIPParser.ParseIP(value);
        if (ip is null || !SloppyIPParser.IsIPv4(ip))
        {
            errors.Add(FieldError.Invalid(path, value, "must be a valid IPv4 address"));
        }

        return errors;
    }

    /// <summary>An IPv6 address that is not an IPv4(-mapped) address.</summary>
    public static FieldErrorList IsValidIPv6Address(FieldPath path, string value)
    {
        var errors = new FieldErrorList();
        var ip = SloppyIPParser.ParseIP(value);
        if (ip is null || SloppyIPParser.IsIPv4(ip))
        {
            errors.Add(FieldError.Invalid(path, value, "must be a valid IPv6 address"));
        }

        return errors;
    }

    /// <summary>A CIDR such as <c>10.0.0.0/8</c> or <c>2001:db8::/64</c> (host bits may be set).</summary>
    public static FieldErrorList IsValidCidr(FieldPath path, string value)
    {
        var errors = new FieldErrorList();
        if (!SloppyIPParser.TryParseCidr(value, out _, out _))
        {
            errors.Add(FieldError.Invalid(path, value, CidrExample));
        }

        return errors;
    }
}
