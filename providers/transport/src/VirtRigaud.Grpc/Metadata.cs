using System.Collections;

namespace VirtRigaud.Grpc;

/// <summary>
/// Request headers, response headers or trailers of a call: an ordered list of entries where a key may repeat.
/// Reserved transport headers (<c>grpc-*</c> except <c>grpc-status-details-bin</c>, <c>content-type</c>, <c>te</c>,
/// <c>user-agent</c>, pseudo-headers) are never exposed as metadata.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    private readonly List<MetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public MetadataEntry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(new MetadataEntry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(new MetadataEntry(key, value));
        return this;
    }

    public Metadata Add(MetadataEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with the key, or <c>null</c>.</summary>
    public MetadataEntry? Get(string key)
    {
        var k = key.ToLowerInvariant();
        return _entries.LastOrDefault(e => e.Key == k);
    }

    /// <summary>The string value of the last entry with the key, or <c>null</c>.</summary>
    public string? GetValue(string key) => Get(key) is { IsBinary: false } e ? e.Value : null;

    /// <summary>The bytes of the last entry with the key, or <c>null</c>.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with the key, in order.</summary>
    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        var k = key.ToLowerInvariant();
        return _entries.Where(e => e.Key == k);
    }

    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
