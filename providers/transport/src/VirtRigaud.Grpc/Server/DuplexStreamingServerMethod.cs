namespace VirtRigaud.Grpc;

/// <summary>Handles a bidirectional call: requests and responses stream independently.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context);
