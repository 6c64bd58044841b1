namespace VirtRigaud.Grpc;

/// <summary>The response stream of a server-streaming or duplex call, as seen by its handler.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
