namespace VirtRigaud.Provider.Sdk.Credentials;

/// <summary>
/// The secret values this process knows of, and the last line of defence that masks them in log output: the SDK's log
/// formatters pass every message, attribute and exception text through <see cref="Redact"/>. Values get here when
/// <see cref="ProviderCredentials"/> reads them or a provider calls <see cref="Register"/> (e.g. the credentials map
/// of an ExportDisk request). <see cref="SecretValue.ToString"/> already prints a mask, so this catches only what was
/// revealed and then logged by mistake (an exception message quoting a password, a URL with a token).
/// </summary>
/// <remarks>
/// Values shorter than <see cref="MinimumLength"/> are not masked: replacing every "abc" in every log line would garble
/// the logs without protecting anything a guesser could not find. Multi-line values (keys, certificates) are also
/// registered line by line when a line is at least <see cref="MinimumLineLength"/> long, so a log that quotes one line
/// of a private key is masked too. At most <see cref="Capacity"/> values are kept; the oldest go first.
/// Thread-safe: registration takes a lock, <see cref="Redact"/> reads an immutable snapshot.
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>The shortest value that is masked.</summary>
    public const int MinimumLength = 6;

    /// <summary>The shortest line of a multi-line value that is masked on its own.</summary>
    public const int MinimumLineLength = 16;

    /// <summary>How many distinct values are remembered.</summary>
    public const int Capacity = 1024;

    private readonly Lock _sync = new();
    private readonly LinkedList<string> _order = new();
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    // Longest first, so that a secret containing another is masked whole.
    private string[] _snapshot = [];

    /// <summary>How many values are remembered.</summary>
    public int Count => Volatile.Read(ref _snapshot).Length;

    /// <summary>Remembers <paramref name="value"/> (and its trimmed form and long lines) so that logs mask it. Mutates this instance.</summary>
    public void Register(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_sync)
        {
            var changed = Add(value);
            changed |= Add(value.Trim());
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                foreach (var line in value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line.Length >= MinimumLineLength)
                    {
                        changed |= Add(line);
                    }
                }
            }

            if (changed)
            {
                Volatile.Write(ref _snapshot, [.. _known.OrderByDescending(s => s.Length)]);
            }
        }
    }

    /// <summary><paramref name="text"/> with every remembered value replaced by <see cref="Mask"/>. Pure with respect to this instance.</summary>
    public string Redact(string text)
    {
        var secrets = Volatile.Read(ref _snapshot);
        if (secrets.Length == 0 || text.Length < MinimumLength)
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private bool Add(string value)
    {
        if (value.Length < MinimumLength || !_known.Add(value))
        {
            return false;
        }

        _order.AddLast(value);
        while (_order.Count > Capacity)
        {
            _known.Remove(_order.First!.Value);
            _order.RemoveFirst();
        }

        return true;
    }
}
