using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// The revision asked for is at or below etcd's compaction point ("etcdserver: mvcc: required revision has been
/// compacted"). A watch reports it with the oldest revision still available; a Range does not say which it is.
/// </summary>
public sealed class EtcdCompactedException : EtcdException
{
    public EtcdCompactedException(string message, long compactRevision, Exception? innerException = null)
        : base(StatusCode.OutOfRange, message, innerException)
    {
        CompactRevision = compactRevision;
    }

    public EtcdCompactedException()
        : this("etcdserver: mvcc: required revision has been compacted", 0)
    {
    }

    public EtcdCompactedException(string message)
        : this(message, 0)
    {
    }

    public EtcdCompactedException(string message, Exception innerException)
        : this(message, 0, innerException)
    {
    }

    /// <summary>The compaction point etcd reported (watches), or 0 when it did not say (Range).</summary>
    public long CompactRevision { get; }
}
