using System.Globalization;
using System.Text;

namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>
/// What a mock disk "contains": an identity (<see cref="ContentId"/>), how often the guest has written to it
/// (<see cref="Generation"/>, bumped on every boot) and its virtual size. The mock stores no guest bytes; an exported
/// image carries this record as a 512-byte text block in its first guest sector, the rest of the disk reads as zeros.
/// Two exports of the same content are therefore byte-identical (same SHA-256), and an import recovers the identity,
/// so an export → import → export round trip is checkable end to end. Immutable.
/// </summary>
public sealed record DiskContent
{
    /// <summary>Size of the block in the first guest sector.</summary>
    public const int BlockSize = 512;

    private const string Magic = "VIRTRIGAUD-MOCK-DISK v1\n";

    /// <summary>A stable identifier of the disk's bytes (lowercase hex).</summary>
    public required string ContentId { get; init; }

    /// <summary>Guest writes so far; a new boot is a new generation.</summary>
    public required long Generation { get; init; }

    /// <summary>The virtual disk size in bytes.</summary>
    public required long VirtualSizeBytes { get; init; }

    /// <summary>The 512-byte block (text lines, zero padded). Pure.</summary>
    public byte[] Encode()
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Magic}content-id: {ContentId}\ngeneration: {Generation}\nvirtual-size: {VirtualSizeBytes}\n");
        var block = new byte[BlockSize];
        var written = Encoding.ASCII.GetBytes(text, block);
        if (written > BlockSize)
        {
            throw new InvalidOperationException("The disk content block does not fit in one sector.");
        }

        return block;
    }

    /// <summary>Reads a block written by <see cref="Encode"/>; <c>null</c> when <paramref name="sector"/> holds anything else. Pure.</summary>
    public static DiskContent? TryDecode(ReadOnlySpan<byte> sector)
    {
        if (sector.Length < Magic.Length)
        {
            return null;
        }

        var end = sector.IndexOf((byte)0);
        var text = Encoding.ASCII.GetString(end < 0 ? sector : sector[..end]);
        if (!text.StartsWith(Magic, StringComparison.Ordinal))
        {
            return null;
        }

        string? id = null;
        long? generation = null;
        long? size = null;
        foreach (var line in text[Magic.Length..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                return null;
            }

            var value = line[(colon + 2)..];
            switch (line[..colon])
            {
                case "content-id":
                    id = value;
                    break;
                case "generation" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var g):
                    generation = g;
                    break;
                case "virtual-size" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
                    size = s;
                    break;
                default:
                    return null;
            }
        }

        return id is { Length: > 0 } && generation is { } gen && size is { } bytes
            ? new DiskContent { ContentId = id, Generation = gen, VirtualSizeBytes = bytes }
            : null;
    }
}
