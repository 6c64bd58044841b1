using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>
/// Real image files for export, import and image preparation. <see cref="WriteAsync"/> materializes a
/// <see cref="DiskContent"/> as qcow2 (a few hundred KiB whatever the virtual size) or raw (sparse, as long as the
/// virtual size) and returns its SHA-256; <see cref="InspectAsync"/> reads format, virtual size and content back.
/// Stateless; thread-safe (concurrent writers of one path are the caller's business: writes go to a temporary file
/// in the destination folder and are renamed into place, so a reader never sees a half-written image).
/// </summary>
public static class DiskImageFile
{
    private const int ZeroChunk = 1 << 20;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (replacing it) and returns the file's length and SHA-256.</summary>
    public static async Task<(long SizeBytes, string Sha256)> WriteAsync(string path, DiskImageFormat format, DiskContent content, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(content.VirtualSizeBytes, (long)DiskContent.BlockSize);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException("The path has no folder.", nameof(path));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var block = content.Encode();
                if (format == DiskImageFormat.Qcow2)
                {
                    await Qcow2Image.WriteAsync(stream, content.VirtualSizeBytes, block, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // SetLength leaves a hole: the file takes one block on disk whatever the virtual size.
                    stream.SetLength(content.VirtualSizeBytes);
                    await stream.WriteAsync(block, cancellationToken).ConfigureAwait(false);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        // A raw image is the block and then zeros: hashing that from memory gives the file's digest without reading
        // back gigabytes of holes. A qcow2 image is small; it is hashed as written.
        var checksum = format == DiskImageFormat.Raw
            ? RawSha256(content, cancellationToken)
            : await Checksums.Sha256FileAsync(path, cancellationToken).ConfigureAwait(false);
        return (new FileInfo(path).Length, checksum);
    }

    private static string RawSha256(DiskContent content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(content.Encode());
        var zeros = new byte[ZeroChunk];
        for (var remaining = content.VirtualSizeBytes - DiskContent.BlockSize; remaining > 0; remaining -= ZeroChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(zeros, 0, (int)Math.Min(ZeroChunk, remaining));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads the format (by magic), virtual size and mock content of an image file. Reads only.</summary>
    /// <exception cref="InvalidDataException">A format the mock does not read (vmdk, vhd…), or a damaged qcow2 header.</exception>
    public static async Task<DiskImageInfo> InspectAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[DiskContent.BlockSize];
            var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read >= 4 && BinaryPrimitives.ReadUInt32BigEndian(head) == Qcow2Image.Magic)
            {
                var header = await Qcow2Image.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                return new DiskImageInfo
                {
                    Format = DiskImageFormat.Qcow2,
                    VirtualSizeBytes = header.VirtualSizeBytes,
                    FileSizeBytes = stream.Length,
                    Content = header.FirstSector is { } sector ? DiskContent.TryDecode(sector) : null,
                    BackingFile = header.BackingFile,
                };
            }

            if (read >= 4 && head.AsSpan(0, 4).SequenceEqual("KDMV"u8))
            {
                throw new InvalidDataException("vmdk images are not supported by the mock provider");
            }

            return new DiskImageInfo
            {
                Format = DiskImageFormat.Raw,
                VirtualSizeBytes = stream.Length,
                FileSizeBytes = stream.Length,
                Content = DiskContent.TryDecode(head.AsSpan(0, read)),
            };
        }
    }
}
