namespace VirtRigaud.Grpc;

/// <summary>
/// Code that runs around every call, whatever its kind: before the request is read and after the last response and
/// the status are decided. Call <c>next</c> to continue; throw an <see cref="RpcException"/> (before or instead of
/// calling it) to end the call with that status. Interceptors are shared by all calls, so they must be thread-safe.
/// </summary>
public abstract class ServerInterceptor
{
    /// <summary>Runs the rest of the call (inner interceptors, then the handler) inside whatever this interceptor adds.</summary>
    public virtual Task InterceptAsync(ServerCallContext context, Func<Task> next) => next();
}
