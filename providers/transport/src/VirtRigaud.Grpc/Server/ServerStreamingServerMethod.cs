namespace VirtRigaud.Grpc;

/// <summary>Handles a server-streaming call: one request in, a stream of responses out.</summary>
public delegate Task ServerStreamingServerMethod<in TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context);
