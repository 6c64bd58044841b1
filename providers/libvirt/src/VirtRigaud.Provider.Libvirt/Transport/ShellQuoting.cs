namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>
/// Builds command lines for the remote POSIX shell that sshd starts (<c>sh -c</c>) from argument vectors: every
/// argument becomes one single-quoted word, an embedded <c>'</c> becomes <c>'\''</c>. Inside single quotes a POSIX shell
/// interprets nothing (no <c>$</c>, backquote, <c>;</c>, glob or newline handling), so VM names, paths and user data can
/// never become shell syntax. Pure functions; thread-safe.
/// </summary>
internal static class ShellQuoting
{
    /// <summary>One argument as a single-quoted shell word.</summary>
    /// <exception cref="ArgumentException">The argument contains a NUL character, which no process argument can carry.</exception>
    public static string Quote(string argument)
    {
        if (argument.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a command argument cannot contain a NUL character", nameof(argument));
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>An argument vector as one shell command line: the quoted words joined by spaces.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
