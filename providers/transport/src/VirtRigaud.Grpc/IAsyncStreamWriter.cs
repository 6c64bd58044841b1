namespace VirtRigaud.Grpc;

/// <summary>Writes the messages of a stream. Writes must not overlap: await each before the next.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Sends one message.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken);
}
