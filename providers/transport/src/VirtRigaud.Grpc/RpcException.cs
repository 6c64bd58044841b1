namespace VirtRigaud.Grpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by client calls; handlers throw it to end a call with a chosen status
/// and trailers (any other exception becomes <see cref="StatusCode.Unknown"/> without leaking its message).
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException(Status status, Metadata trailers, Exception inner)
        : base(status.ToString(), inner)
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException()
        : this(new Status(StatusCode.Unknown, ""))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception inner)
        : this(new Status(StatusCode.Unknown, message), new Metadata(), inner)
    {
    }

    /// <summary>The status the call ended with.</summary>
    public Status Status { get; }

    /// <summary>The status code.</summary>
    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata (e.g. <c>grpc-status-details-bin</c>); empty when none was sent.</summary>
    public Metadata Trailers { get; }
}
