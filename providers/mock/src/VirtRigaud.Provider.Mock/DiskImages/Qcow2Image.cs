using System.Buffers.Binary;

namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>
/// Writes and reads the small subset of qcow2 (QEMU's docs/interop/qcow2.txt, version 3) the mock needs: a valid image
/// of any virtual size whose only allocated guest cluster is the first one. <c>qemu-img check</c> accepts what
/// <see cref="WriteAsync"/> produces and <c>qemu-img convert</c> turns it into the equivalent raw image.
/// <code>
/// cluster  content (64 KiB clusters, refcount_order 4 = 16-bit refcounts, every cluster's refcount is 1)
/// 0        header (104 bytes) + end-of-extensions marker
/// 1        refcount table: one entry → cluster 2
/// 2        refcount block: one 16-bit refcount per cluster of the file
/// 3..3+n-1 L1 table (n clusters; one entry per 512 MiB of virtual size); entry 0 → the L2 table, COPIED
/// 3+n      L2 table: entry 0 → the data cluster, COPIED                          (only with a first sector)
/// 4+n      data: guest bytes 0..65535 (the first sector given, zeros after)     (only with a first sector)
/// </code>
/// Pure functions over streams; thread-safe.
/// </summary>
public static class Qcow2Image
{
    /// <summary>The qcow2 magic, "QFI\xfb".</summary>
    public const uint Magic = 0x514649fb;

    private const int ClusterBits = 16;
    private const int ClusterSize = 1 << ClusterBits;
    private const int HeaderLength = 104;
    private const ulong CopiedFlag = 1UL << 63;
    private const ulong CompressedFlag = 1UL << 62;
    private const ulong OffsetMask = 0x00ff_ffff_ffff_fe00UL;
    private const int RefcountEntriesPerBlock = ClusterSize / 2;

    /// <summary>
    /// Writes an image of <paramref name="virtualSizeBytes"/> to <paramref name="output"/> (from its current position,
    /// which must be 0). With <paramref name="firstSector"/> the first guest cluster holds it; without, the disk reads as
    /// zeros. Mutates only <paramref name="output"/>.
    /// </summary>
    public static async Task WriteAsync(Stream output, long virtualSizeBytes, ReadOnlyMemory<byte> firstSector, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualSizeBytes, 512L);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSector.Length, ClusterSize);
        var l2Entries = ClusterSize / 8;
        var bytesPerL1Entry = (long)ClusterSize * l2Entries;
        var l1Size = checked((int)((virtualSizeBytes + bytesPerL1Entry - 1) / bytesPerL1Entry));
        var l1Clusters = ((l1Size * 8) + ClusterSize - 1) / ClusterSize;
        var hasData = !firstSector.IsEmpty;
        var l1Cluster = 3;
        var l2Cluster = l1Cluster + l1Clusters;
        var dataCluster = l2Cluster + 1;
        var clusterCount = l2Cluster + (hasData ? 2 : 0);
        if (clusterCount > RefcountEntriesPerBlock)
        {
            throw new ArgumentOutOfRangeException(nameof(virtualSizeBytes), virtualSizeBytes, "The virtual size needs more L1 clusters than one refcount block covers.");
        }

        var image = new byte[(long)clusterCount * ClusterSize];
        var header = image.AsSpan(0, HeaderLength);
        BinaryPrimitives.WriteUInt32BigEndian(header[0..], Magic);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(header[20..], ClusterBits);
        BinaryPrimitives.WriteUInt64BigEndian(header[24..], (ulong)virtualSizeBytes);
        BinaryPrimitives.WriteUInt32BigEndian(header[36..], (uint)l1Size);
        BinaryPrimitives.WriteUInt64BigEndian(header[40..], (ulong)l1Cluster * ClusterSize);
        BinaryPrimitives.WriteUInt64BigEndian(header[48..], 1UL * ClusterSize);
        BinaryPrimitives.WriteUInt32BigEndian(header[56..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(header[96..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(header[100..], HeaderLength);

        // Bytes 104..111 stay zero: header extension type 0 is the end-of-extensions marker.
        BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(ClusterSize), 2UL * ClusterSize);
        for (var cluster = 0; cluster < clusterCount; cluster++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(image.AsSpan((2 * ClusterSize) + (cluster * 2)), 1);
        }

        if (hasData)
        {
            BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(l1Cluster * ClusterSize), ((ulong)l2Cluster * ClusterSize) | CopiedFlag);
            BinaryPrimitives.WriteUInt64BigEndian(image.AsSpan(l2Cluster * ClusterSize), ((ulong)dataCluster * ClusterSize) | CopiedFlag);
            firstSector.Span.CopyTo(image.AsSpan(dataCluster * ClusterSize));
        }

        await output.WriteAsync(image, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the header of a qcow2 image (version 2 or 3) and the first guest sector when it is allocated uncompressed.
    /// Reads only; <paramref name="input"/> must be seekable.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a qcow2 image, or an offset points outside the file.</exception>
    public static async Task<Qcow2Header> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        input.Position = 0;
        await input.ReadExactlyAsync(header.AsMemory(0, 72), cancellationToken).ConfigureAwait(false);
        if (BinaryPrimitives.ReadUInt32BigEndian(header) != Magic)
        {
            throw new InvalidDataException("not a qcow2 image (bad magic)");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        if (version is not (2 or 3))
        {
            throw new InvalidDataException($"unsupported qcow2 version {version}");
        }

        var backingOffset = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
        var backingSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        var clusterBits = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20));
        if (clusterBits is < 9 or > 21)
        {
            throw new InvalidDataException($"invalid qcow2 cluster_bits {clusterBits}");
        }

        var size = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(24));
        var l1Size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(36));
        var l1Offset = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(40));
        string? backingFile = null;
        if (backingOffset != 0 && backingSize is > 0 and <= 1023)
        {
            var name = new byte[backingSize];
            await ReadAtAsync(input, (long)backingOffset, name, cancellationToken).ConfigureAwait(false);
            backingFile = System.Text.Encoding.UTF8.GetString(name);
        }

        byte[]? firstSector = null;
        if (l1Size > 0)
        {
            var entry = new byte[8];
            await ReadAtAsync(input, (long)l1Offset, entry, cancellationToken).ConfigureAwait(false);
            var l2Offset = BinaryPrimitives.ReadUInt64BigEndian(entry) & OffsetMask;
            if (l2Offset != 0)
            {
                await ReadAtAsync(input, (long)l2Offset, entry, cancellationToken).ConfigureAwait(false);
                var l2Entry = BinaryPrimitives.ReadUInt64BigEndian(entry);
                var dataOffset = l2Entry & OffsetMask;
                if ((l2Entry & CompressedFlag) == 0 && dataOffset != 0)
                {
                    firstSector = new byte[DiskContent.BlockSize];
                    await ReadAtAsync(input, (long)dataOffset, firstSector, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new Qcow2Header
        {
            Version = (int)version,
            VirtualSizeBytes = checked((long)size),
            ClusterSize = 1 << clusterBits,
            BackingFile = backingFile,
            FirstSector = firstSector,
        };
    }

    private static async Task ReadAtAsync(Stream input, long offset, byte[] buffer, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset + buffer.Length > input.Length)
        {
            throw new InvalidDataException("qcow2 offset points outside the file");
        }

        input.Position = offset;
        await input.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
