using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>The revision asked for is newer than etcd's current revision ("etcdserver: mvcc: required revision is a future revision").</summary>
public sealed class EtcdFutureRevisionException : EtcdException
{
    public EtcdFutureRevisionException(string message, Exception? innerException = null)
        : base(StatusCode.OutOfRange, message, innerException)
    {
    }

    public EtcdFutureRevisionException()
        : this("etcdserver: mvcc: required revision is a future revision")
    {
    }

    public EtcdFutureRevisionException(string message)
        : this(message, null)
    {
    }
}
