using Google.Protobuf;

namespace VirtRigaud.Grpc;

/// <summary>The response stream of a server-streaming or duplex call; each message is framed and flushed at once.</summary>
internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext call) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken) => call.WriteMessageAsync(message, cancellationToken);
}
