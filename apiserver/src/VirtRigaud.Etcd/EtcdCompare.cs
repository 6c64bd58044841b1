using Google.Protobuf;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Etcd;

/// <summary>The comparisons of a transaction, named as in etcd's clientv3 (<c>Compare(ModRevision(k), "=", r)</c>).</summary>
public static class EtcdCompare
{
    /// <summary>The key's version (0 = absent) compared with <paramref name="version"/>.</summary>
    public static Compare Version(ByteString key, Compare.Types.CompareResult result, long version) =>
        new() { Key = key, Target = Compare.Types.CompareTarget.Version, Result = result, Version = version };

    /// <summary>The key's create revision (0 = absent) compared with <paramref name="revision"/>.</summary>
    public static Compare CreateRevision(ByteString key, Compare.Types.CompareResult result, long revision) =>
        new() { Key = key, Target = Compare.Types.CompareTarget.Create, Result = result, CreateRevision = revision };

    /// <summary>The key's mod revision (0 = absent) compared with <paramref name="revision"/>.</summary>
    public static Compare ModRevision(ByteString key, Compare.Types.CompareResult result, long revision) =>
        new() { Key = key, Target = Compare.Types.CompareTarget.Mod, Result = result, ModRevision = revision };

    /// <summary>The key's value compared with <paramref name="value"/> (an absent key fails every value comparison).</summary>
    public static Compare Value(ByteString key, Compare.Types.CompareResult result, ByteString value) =>
        new() { Key = key, Target = Compare.Types.CompareTarget.Value, Result = result, Value = value };

    /// <summary>The key does not exist (create revision 0): the create-if-absent guard.</summary>
    public static Compare Absent(ByteString key) => CreateRevision(key, Compare.Types.CompareResult.Equal, 0);
}
