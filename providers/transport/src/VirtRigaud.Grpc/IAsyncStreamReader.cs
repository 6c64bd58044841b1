namespace VirtRigaud.Grpc;

/// <summary>Reads the messages of a stream one at a time (request stream on a server, response stream on a client).</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Advances to the next message; <c>false</c> at the end of the stream.</summary>
    /// <exception cref="RpcException">The call failed (on a client: with the status the server sent).</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
