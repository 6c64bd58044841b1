using System.Text;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// The last lines a provider process wrote to standard error, with every credential value masked, for the status
/// message and the exit event. Values of 6 characters or more are masked, and each 16+ character line of a multi-line
/// value (a key), as the provider SDK's redactor does. Thread-safe.
/// </summary>
internal sealed class OutputTail(int capacity, IReadOnlyCollection<string> secrets)
{
    /// <summary>What a masked value is replaced with.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>Lines longer than this are cut (a status message must stay short).</summary>
    public const int MaxLineLength = 300;

    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<string> _masks = Masks(secrets);

    /// <summary>Adds a line (masked and cut). Mutates the tail.</summary>
    public void Add(string line)
    {
        var safe = Mask(line);
        if (safe.Length > MaxLineLength)
        {
            safe = safe[..MaxLineLength] + "…";
        }

        lock (_gate)
        {
            _lines.Enqueue(safe);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines, oldest first, joined with " | "; empty when none.</summary>
    public string Text()
    {
        lock (_gate)
        {
            return string.Join(" | ", _lines);
        }
    }

    /// <summary>Empties the tail (a new process starts). Mutates the tail.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }

    /// <summary><paramref name="text"/> with every secret value replaced by <see cref="Redacted"/>.</summary>
    public string Mask(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var mask in _masks)
        {
            builder.Replace(mask, Redacted);
        }

        return builder.ToString();
    }

    private static List<string> Masks(IReadOnlyCollection<string> secrets)
    {
        var masks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            var trimmed = secret.Trim();
            if (trimmed.Length >= 6)
            {
                masks.Add(trimmed);
            }

            foreach (var line in trimmed.Split('\n'))
            {
                var part = line.Trim();
                if (part.Length >= 16)
                {
                    masks.Add(part);
                }
            }
        }

        // Longest first, so a value that contains another is masked whole.
        return [.. masks.OrderByDescending(m => m.Length)];
    }
}
