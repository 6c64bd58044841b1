using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>File and stream digests as lowercase hex, for the algorithms VMImage checksums name. Pure; thread-safe.</summary>
public static class Checksums
{
    private const int BufferSize = 1 << 20;

    /// <summary>Maps a VMImage <c>checksumType</c> (md5, sha1, sha256, sha512; empty ⇒ sha256) to an algorithm.</summary>
    public static bool TryParseAlgorithm(string? name, [NotNullWhen(true)] out HashAlgorithmName? algorithm)
    {
        algorithm = (name ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            "sha1" => HashAlgorithmName.SHA1,
            "md5" => HashAlgorithmName.MD5,
            _ => null,
        };
        return algorithm is not null;
    }

    /// <summary>The SHA-256 of a file. Reads only.</summary>
    public static Task<string> Sha256FileAsync(string path, CancellationToken cancellationToken) =>
        HashFileAsync(path, HashAlgorithmName.SHA256, cancellationToken);

    /// <summary>The <paramref name="algorithm"/> digest of a file. Reads only.</summary>
    public static async Task<string> HashFileAsync(string path, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await HashStreamAsync(stream, algorithm, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The <paramref name="algorithm"/> digest of the rest of <paramref name="stream"/>. Consumes the stream.</summary>
    public static async Task<string> HashStreamAsync(Stream stream, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
