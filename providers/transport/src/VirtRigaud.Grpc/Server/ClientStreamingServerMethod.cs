namespace VirtRigaud.Grpc;

/// <summary>Handles a client-streaming call: a stream of requests in, one response out.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, ServerCallContext context);
