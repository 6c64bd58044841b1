using VirtRigaud.Grpc;

namespace VirtRigaud.Etcd;

/// <summary>
/// An etcd call failed. Subclasses name the failures callers branch on (<see cref="EtcdCompactedException"/>,
/// <see cref="EtcdFutureRevisionException"/>, <see cref="EtcdAuthenticationException"/>,
/// <see cref="EtcdUnavailableException"/>); anything else is this type with the gRPC <see cref="StatusCode"/>.
/// </summary>
public class EtcdException : Exception
{
    public EtcdException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    public EtcdException()
        : this(StatusCode.Unknown, "etcd call failed")
    {
    }

    public EtcdException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public EtcdException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    /// <summary>The gRPC status the call ended with (<see cref="StatusCode.DeadlineExceeded"/> when its deadline passed).</summary>
    public StatusCode StatusCode { get; }
}
