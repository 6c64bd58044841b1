using Google.Protobuf;

namespace VirtRigaud.Etcd;

/// <summary>Key helpers in etcd's terms: ranges are [key, range_end), and a prefix's range_end is the prefix "plus one".</summary>
public static class EtcdKeys
{
    /// <summary>The range_end "\0": with a key, every key greater or equal; with key "\0", every key.</summary>
    public static readonly ByteString AllFrom = ByteString.CopyFrom(0);

    /// <summary>The UTF-8 bytes of <paramref name="key"/>.</summary>
    public static ByteString Key(string key) => ByteString.CopyFromUtf8(key);

    /// <summary>
    /// The range_end covering every key that starts with <paramref name="prefix"/>: the prefix with its last byte below
    /// 0xff incremented and the rest cut off; a prefix of only 0xff bytes (or empty) has no end, so "\0" (all keys from it).
    /// </summary>
    public static ByteString PrefixEnd(ByteString prefix)
    {
        var bytes = prefix.ToByteArray();
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] < 0xff)
            {
                bytes[i]++;
                return ByteString.CopyFrom(bytes, 0, i + 1);
            }
        }

        return AllFrom;
    }

    /// <summary>The range_end covering every key that starts with <paramref name="prefix"/>.</summary>
    public static ByteString PrefixEnd(string prefix) => PrefixEnd(Key(prefix));
}
