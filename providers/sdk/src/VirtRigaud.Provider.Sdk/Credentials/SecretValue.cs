using System.Text;

namespace VirtRigaud.Provider.Sdk.Credentials;

/// <summary>
/// A secret (password, token, private key) that cannot leak by accident: <see cref="ToString"/> and string
/// interpolation print <see cref="SecretRedactor.Mask"/>, so a log line or exception message that mentions it shows
/// the mask. The value is read only through the explicit <c>Reveal…</c> methods, which make every use visible in
/// code review. Immutable; thread-safe.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly byte[] _bytes;

    /// <summary>A secret holding <paramref name="bytes"/> (copied).</summary>
    public SecretValue(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes.ToArray();
    }

    /// <summary>A secret holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    public SecretValue(string value)
        : this(Encoding.UTF8.GetBytes(value))
    {
    }

    /// <summary>The length of the value in bytes (not secret: lengths of credentials are not protected).</summary>
    public int Length => _bytes.Length;

    /// <summary>Whether the value is empty or only white space.</summary>
    public bool IsEmptyOrWhiteSpace => string.IsNullOrWhiteSpace(RevealString());

    /// <summary>The value as UTF-8 text, exactly as stored (no trimming).</summary>
    public string RevealString() => Encoding.UTF8.GetString(_bytes);

    /// <summary>
    /// The value as UTF-8 text with leading and trailing white space removed: what a password or token file written
    /// with a trailing newline (<c>echo pw &gt; file</c>) means.
    /// </summary>
    public string RevealTrimmedString() => RevealString().Trim();

    /// <summary>A copy of the raw bytes (keys, binary tokens).</summary>
    public byte[] RevealBytes() => (byte[])_bytes.Clone();

    /// <summary>Always <see cref="SecretRedactor.Mask"/>.</summary>
    public override string ToString() => SecretRedactor.Mask;

    public bool Equals(SecretValue? other) =>
        other is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => obj is SecretValue other && Equals(other);

    // The hash must not reveal anything about the value; equal values still hash alike through their length.
    public override int GetHashCode() => _bytes.Length;
}
