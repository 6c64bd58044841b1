using System.Text;

namespace VirtRigaud.Provider.Libvirt.Libvirt;

/// <summary>
/// Finds where <c>virsh console</c> has attached. virsh prints "Connected to domain 'x'" and "Escape character is ^]
/// (Ctrl + ])" once libvirt opened the console and right before it switches its terminal to raw mode (which discards
/// unread input); everything after that line is the guest's serial output. Everything before it is virsh's own talk
/// (the banner, polkit's "Authorization not available" on hosts without a polkit daemon, or the error when it cannot
/// attach). Feed the terminal output with <see cref="Add"/> until it reports the attach. One per session; not thread-safe.
/// </summary>
internal sealed class VirshConsoleBanner
{
    /// <summary>At most this much of virsh's own output is kept (an error message is far shorter).</summary>
    public const int MaxPreambleBytes = 64 * 1024;

    private static readonly byte[] EscapeLine = Encoding.ASCII.GetBytes("Escape character is ");
    private readonly List<byte> _preamble = [];

    /// <summary>Whether virsh has attached (the escape line is complete).</summary>
    public bool Attached { get; private set; }

    /// <summary>What virsh printed before attaching (or so far), as text with the terminal's carriage returns removed.</summary>
    public string Preamble => Encoding.UTF8.GetString(_preamble.ToArray()).Replace("\r", string.Empty, StringComparison.Ordinal);

    /// <summary>Takes the next chunk of terminal output; once attached, returns the guest's bytes that followed the banner.</summary>
    /// <exception cref="InvalidOperationException">Called after <see cref="Attached"/> became true.</exception>
    public ReadOnlyMemory<byte> Add(ReadOnlyMemory<byte> chunk)
    {
        if (Attached)
        {
            throw new InvalidOperationException("virsh has already attached; the rest is guest output");
        }

        var start = _preamble.Count;
        _preamble.AddRange(chunk.Span[..Math.Min(chunk.Length, MaxPreambleBytes - Math.Min(start, MaxPreambleBytes))]);
        var all = _preamble.ToArray().AsSpan();
        var escape = all.IndexOf(EscapeLine);
        if (escape < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var newline = all[escape..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        Attached = true;
        var end = escape + newline + 1;
        _preamble.RemoveRange(end, _preamble.Count - end);
        return chunk[Math.Max(0, end - start)..];
    }
}
