namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>Name rules of the mock: names become file names, so they are restricted to a portable, path-free alphabet. Pure.</summary>
internal static class Naming
{
    private const int MaxLength = 253;

    /// <summary>Non-empty, at most 253 characters of <c>[A-Za-z0-9._-]</c>, not starting with a dot (no path tricks).</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
