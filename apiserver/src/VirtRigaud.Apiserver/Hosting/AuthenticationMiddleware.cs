using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// Parses the <see cref="RequestInfo"/> and establishes the user, as kube-apiserver's authentication filter does: the
/// authenticators are asked in order and the first that recognises credentials decides; bad credentials are answered
/// with 401 <c>Unauthorized</c> (never falling back to anonymous); a request without credentials is
/// <c>system:anonymous</c> when <see cref="ApiServerOptions.AnonymousAuth"/> is on, else 401. Sets
/// <see cref="RequestContextFeature"/>. Watches also end when the server drains (<see cref="ServerLifecycle.WatchesEnding"/>
/// is linked into their <c>RequestAborted</c>), and long-running requests (watches, console sessions:
/// <see cref="LongRunningRequests"/>) arriving while it drains are answered 503 "apiserver is shutting down" with
/// <c>Retry-After: 1</c>, as kube-apiserver answers them.
/// </summary>
internal sealed class AuthenticationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IReadOnlyList<IAuthenticator> _authenticators;
    private readonly ApiServerOptions _options;
    private readonly ServerLifecycle _lifecycle;
    private readonly ILogger<AuthenticationMiddleware> _logger;

    public AuthenticationMiddleware(
        RequestDelegate next,
        IEnumerable<IAuthenticator> authenticators,
        ApiServerOptions options,
        ServerLifecycle lifecycle,
        ILogger<AuthenticationMiddleware> logger)
    {
        _next = next;
        _authenticators = [.. authenticators];
        _options = options;
        _lifecycle = lifecycle;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        // A WebSocket is a GET upgrade in HTTP/1.1 and an extended CONNECT in HTTP/2 (RFC 8441): both are the verb get.
        var method = context.WebSockets.IsWebSocketRequest ? HttpMethods.Get : context.Request.Method;
        var info = RequestInfoParser.Parse(method, context.Request.Path.Value ?? "/", context.Request.Query);
        var longRunning = LongRunningRequests.IsLongRunning(context, info);
        if (longRunning && _lifecycle.IsDraining)
        {
            // kube-apiserver's WithWatchTerminationDuringShutdown: before authentication, so that nobody waits for an
            // answer the draining server will not give.
            await ApiResponses.WriteStatusAsync(context, LongRunningRequests.ShuttingDown().Status, null, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        UserInfo? user = null;
        foreach (var authenticator in _authenticators)
        {
            var result = await authenticator.AuthenticateAsync(context, context.RequestAborted).ConfigureAwait(false);
            if (!result.Applies)
            {
                continue;
            }

            if (result.User is null)
            {
                ApiServerLog.AuthenticationFailed(_logger, context.Request.Method, info.Path, context.Connection.RemoteIpAddress?.ToString(), result.Error ?? "");
                await UnauthorizedAsync(context).ConfigureAwait(false);
                return;
            }

            user = result.User;
            break;
        }

        if (user is null)
        {
            if (!_options.AnonymousAuth)
            {
                await UnauthorizedAsync(context).ConfigureAwait(false);
                return;
            }

            user = UserInfo.Anonymous;
        }

        context.Features.Set(new RequestContextFeature { Info = info, User = user });

        // A watch ends with the drain like a watch whose client went away. A console session is not linked: it sees
        // the drain itself and closes its WebSocket with 1001 rather than being cut.
        if (info.Verb != "watch")
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var original = context.RequestAborted;
        using var watchEnds = CancellationTokenSource.CreateLinkedTokenSource(original, _lifecycle.WatchesEnding);
        context.RequestAborted = watchEnds.Token;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            context.RequestAborted = original;
        }
    }

    // kube-apiserver answers every authentication failure the same way, so that nothing is learnt about which
    // credential was wrong; the reason goes to the log only.
    private static Task UnauthorizedAsync(HttpContext context) =>
        ApiResponses.WriteStatusAsync(context, StatusException.Unauthorized("Unauthorized").Status, null, context.RequestAborted);
}
