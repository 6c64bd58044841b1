using System.Text;

namespace VirtRigaud.Grpc;

/// <summary>
/// One metadata entry. Keys are lower-case ASCII; keys ending in <c>-bin</c> carry bytes (base64 on the wire), the
/// others printable ASCII strings.
/// </summary>
public sealed class MetadataEntry
{
    public const string BinarySuffix = "-bin";

    private readonly string? _value;
    private readonly byte[]? _bytes;

    public MetadataEntry(string key, string value)
    {
        Key = NormalizeKey(key);
        if (IsBinaryKey(Key))
        {
            throw new ArgumentException($"metadata key \"{Key}\" ends in -bin and needs a byte[] value", nameof(key));
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"metadata value of \"{Key}\" must be printable ASCII", nameof(value));
            }
        }

        _value = value;
    }

    public MetadataEntry(string key, byte[] value)
    {
        Key = NormalizeKey(key);
        if (!IsBinaryKey(Key))
        {
            throw new ArgumentException($"metadata key \"{Key}\" carries bytes, so it must end in -bin", nameof(key));
        }

        _bytes = value;
    }

    /// <summary>The lower-case key.</summary>
    public string Key { get; }

    /// <summary>Whether the key ends in <c>-bin</c>.</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The string value; for a binary entry an exception.</summary>
    public string Value => _value ?? throw new InvalidOperationException($"metadata entry \"{Key}\" is binary; use ValueBytes");

    /// <summary>The value as bytes (ASCII for a string entry).</summary>
    public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_value}";

    private static string NormalizeKey(string key)
    {
        var lower = key.ToLowerInvariant();
        if (lower.Length == 0)
        {
            throw new ArgumentException("metadata key must not be empty", nameof(key));
        }

        foreach (var c in lower)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException($"metadata key \"{key}\" may contain only a-z, 0-9, '-', '_' and '.'", nameof(key));
            }
        }

        return lower;
    }
}
