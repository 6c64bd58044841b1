using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// Which requests are long-running (kube-apiserver's <c>LongRunningFunc</c>): they have no request timeout, end when the
/// server drains, and are refused while it drains. Pure functions.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>request</term><description>why it is long-running</description></listheader>
/// <item><term>verb watch</term><description>a stream of events that lasts until its timeoutSeconds</description></item>
/// <item><term>WebSocket upgrade of <c>virtualmachines/{name}/console</c></term><description>an interactive session
/// (kube-apiserver treats <c>pods/attach</c> and <c>pods/exec</c> the same way); a plain GET of the same path is an
/// ordinary short request</description></item>
/// </list>
/// </remarks>
internal static class LongRunningRequests
{
    /// <summary>Whether the request is long-running (see the type's remarks).</summary>
    public static bool IsLongRunning(HttpContext context, RequestInfo info) =>
        info.Verb == "watch"
        || (info.IsResourceRequest && info.Subresource == VirtualMachineSubresources.Console && context.WebSockets.IsWebSocketRequest);

    /// <summary>
    /// kube-apiserver's answer to a long-running request while it shuts down: 503 <c>apiserver is shutting down</c>,
    /// retry after 1 s (the client likely reaches another replica, or this one after its restart).
    /// </summary>
    public static StatusException ShuttingDown()
    {
        var status = StatusException.ServiceUnavailable("apiserver is shutting down").Status;
        return new StatusException(status with { Details = new StatusDetails { RetryAfterSeconds = 1 } });
    }
}
