using System.Globalization;
using System.Text;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>
/// Upstream's names for adopted objects: a VirtualMachine named after the provider VM (lowercase; <c>_</c>, <c>.</c>
/// and spaces become <c>-</c>; other characters outside <c>[a-z0-9-]</c> dropped; <c>-</c> trimmed; at most 63
/// characters), or <c>vm-&lt;id&gt;</c> when nothing is left; a VMClass <c>adopted-&lt;cpu&gt;cpu-&lt;memory&gt;mb</c>
/// (2 CPUs and 4096 MiB when the provider does not report them). Pure.
/// </summary>
public static class AdoptionNaming
{
    /// <summary>CPUs assumed when the provider reports none.</summary>
    public const int DefaultCpu = 2;

    /// <summary>Memory (MiB) assumed when the provider reports none.</summary>
    public const long DefaultMemoryMiB = 4096;

    private const int MaxLength = 63;

    /// <summary>The VirtualMachine name for provider VM <paramref name="name"/> with id <paramref name="id"/>.</summary>
    public static string VmName(string name, string id)
    {
        var sanitized = Sanitize(name);
        return sanitized.Length > 0 ? sanitized : Trim("vm-" + Sanitize(id));
    }

    /// <summary>The VMClass name for a VM of <paramref name="cpu"/> CPUs and <paramref name="memoryMiB"/> MiB (zero: the defaults).</summary>
    public static string ClassName(int cpu, long memoryMiB) =>
        string.Create(CultureInfo.InvariantCulture, $"adopted-{(cpu > 0 ? cpu : DefaultCpu)}cpu-{(memoryMiB > 0 ? memoryMiB : DefaultMemoryMiB)}mb");

    /// <summary>Lowercase DNS-1123 label text from <paramref name="text"/> (may be empty).</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '_' or '.' or ' ')
            {
                builder.Append('-');
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            {
                builder.Append(c);
            }
        }

        return Trim(builder.ToString());
    }

    private static string Trim(string text)
    {
        var trimmed = text.Trim('-');
        return trimmed.Length <= MaxLength ? trimmed : trimmed[..MaxLength].TrimEnd('-');
    }
}
