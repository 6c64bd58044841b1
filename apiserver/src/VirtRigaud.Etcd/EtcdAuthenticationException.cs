using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// etcd refused the caller: wrong user or password, a token it no longer knows (after the client's one renewal
/// attempt), no token while auth is enabled, or a permission the user lacks (<see cref="EtcdException.StatusCode"/>
/// tells which: Unauthenticated, InvalidArgument, PermissionDenied or FailedPrecondition).
/// </summary>
public sealed class EtcdAuthenticationException : EtcdException
{
    public EtcdAuthenticationException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(statusCode, message, innerException)
    {
    }

    public EtcdAuthenticationException()
        : this(StatusCode.Unauthenticated, "etcd refused the credentials")
    {
    }

    public EtcdAuthenticationException(string message)
        : this(StatusCode.Unauthenticated, message)
    {
    }

    public EtcdAuthenticationException(string message, Exception innerException)
        : this(StatusCode.Unauthenticated, message, innerException)
    {
    }
}
