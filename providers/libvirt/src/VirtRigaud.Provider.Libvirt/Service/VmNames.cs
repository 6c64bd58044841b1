using System.Text.RegularExpressions;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Libvirt.Service;

/// <summary>
/// Names the provider creates things under. A VM name becomes a domain name and part of file names on the host, so
/// Create accepts only Kubernetes-style names (letters, digits, <c>-</c>, <c>.</c>, <c>_</c>; no <c>/</c>, no leading
/// dot or dash). Lookups (Describe, Delete, Power) take any name: it only ever travels as one quoted argument.
/// </summary>
internal static partial class VmNames
{
    /// <summary>Throws INVALID_ARGUMENT unless <paramref name="name"/> is usable as a domain and file name.</summary>
    public static void Validate(string name, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ProviderErrors.InvalidArgument($"{field} is required");
        }

        if (!Pattern().IsMatch(name))
        {
            throw ProviderErrors.InvalidArgument(
                $"{field} \"{name}\" is not a valid VM name: use at most 63 letters, digits, '-', '.' or '_', starting with a letter or digit");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}
