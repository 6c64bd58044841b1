using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// No endpoint could serve the call: every endpoint refused the connection, or the one that had the request lost it
/// (a write is then not retried elsewhere, since it may have been applied), or etcd itself answered UNAVAILABLE
/// (no leader, leader changed).
/// </summary>
public sealed class EtcdUnavailableException : EtcdException
{
    public EtcdUnavailableException(string message, Exception? innerException = null)
        : base(StatusCode.Unavailable, message, innerException)
    {
    }

    public EtcdUnavailableException()
        : this("etcd is unavailable")
    {
    }

    public EtcdUnavailableException(string message)
        : this(message, null)
    {
    }
}
