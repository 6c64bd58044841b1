namespace VirtRigaud.Grpc;

/// <summary>
/// Decides, before the request is read, whether a call may proceed. The decision returns <c>null</c> to allow the call
/// or the status that ends it (typically UNAUTHENTICATED for missing or bad credentials, PERMISSION_DENIED for a
/// known caller without the right). Place it first among the interceptors that should not see denied calls.
/// </summary>
public sealed class AuthInterceptor : ServerInterceptor
{
    private readonly Func<ServerCallContext, CancellationToken, ValueTask<Status?>> _decide;

    /// <summary>With a synchronous decision (headers, client certificate).</summary>
    public AuthInterceptor(Func<ServerCallContext, Status?> decide)
    {
        _decide = (context, _) => ValueTask.FromResult(decide(context));
    }

    /// <summary>With an asynchronous decision (e.g. a token review); it receives the call's cancellation token.</summary>
    public AuthInterceptor(Func<ServerCallContext, CancellationToken, ValueTask<Status?>> decide)
    {
        _decide = decide;
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        if (await _decide(context, context.CancellationToken).ConfigureAwait(false) is { } denied)
        {
            if (denied.Code == StatusCode.OK)
            {
                throw new InvalidOperationException("An authorization decision must be null (allow) or a non-OK status (deny).");
            }

            throw new RpcException(denied);
        }

        await next().ConfigureAwait(false);
    }
}
