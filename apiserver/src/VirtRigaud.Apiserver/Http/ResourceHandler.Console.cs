using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.ConsoleStreaming;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>
    /// GET <c>virtualmachines/{name}/console</c> without an upgrade: the console endpoint the provider reported
    /// (<c>status.consoleURL</c>) as a <c>VirtualMachineConsole</c>, or 404 when the machine has none yet.
    /// </summary>
    private async Task ConsoleAsync()
    {
        var format = ContentNegotiator.Negotiate(Request, allowTransform: false, watch: false);
        var vm = await _store.GetAsync(ReadScope(), _info.Name, null, _cancellationToken);
        var url = vm["status"]?["consoleURL"] is JsonValue u && u.GetValueKind() == JsonValueKind.String ? u.GetValue<string>() : "";
        if (url.Length == 0)
        {
            throw new StatusException(new Status
            {
                StatusValue = Status.Failure,
                Code = StatusCodes.Status404NotFound,
                Reason = StatusReasons.NotFound,
                Message = $"virtualmachines.{Kind.Group} {FieldError.Quote(_info.Name)} has no console yet: its provider has not reported a console URL (status.consoleURL)",
                Details = new StatusDetails { Name = _info.Name, Group = Kind.Group, Kind = Kind.Plural },
            });
        }

        var console = new JsonObject
        {
            ["apiVersion"] = GroupInfo.ApiVersion,
            ["kind"] = VirtualMachineSubresources.ConsoleKind,
            ["metadata"] = new JsonObject
            {
                ["name"] = ObjectJson.Name(vm),
                ["namespace"] = ObjectJson.Namespace(vm),
                ["uid"] = ObjectJson.Uid(vm),
                ["resourceVersion"] = ObjectJson.GetString(vm, "resourceVersion"),
            },
            ["url"] = url,
        };
        await ApiResponses.WriteAsync(_http, StatusCodes.Status200OK, console, format, Warnings, _cancellationToken);
    }

    /// <summary>
    /// GET <c>virtualmachines/{name}/console</c> upgraded to a WebSocket (HTTP/1.1 Upgrade or HTTP/2 extended CONNECT):
    /// the VM's serial console, relayed to the provider's ConsoleStream (<see cref="ConsoleBridge"/>), in the
    /// subprotocol the client prefers (<see cref="ConsoleSubprotocol"/>). Before the upgrade every failure is a Status
    /// (<see cref="ProviderConsoleConnector"/>); after it, the close frame says why the session ended.
    /// </summary>
    /// <remarks>
    /// Authorization is compound, as kube-apiserver's for <c>pods/attach</c> and <c>pods/exec</c> since Kubernetes 1.35
    /// (KEP-4006, <c>AuthorizePodWebsocketUpgradeCreatePermission</c>): the request is a GET, authorized as <c>get</c> on
    /// <c>virtualmachines/console</c> like the plain GET, and the upgrade additionally needs <c>create</c> on
    /// <c>virtualmachines/console</c>. Reading where a console is must not let a read-only role type into the machine.
    /// </remarks>
    private async Task ConsoleStreamAsync()
    {
        var services = _http.RequestServices;
        var authorizer = services.GetRequiredService<IAuthorizer>();
        var create = AuthorizationMiddleware.Attributes(_info with { Verb = "create" }, _user);
        var decision = await authorizer.AuthorizeAsync(create, _cancellationToken);
        if (decision.Verdict != AuthorizationVerdict.Allow)
        {
            throw AuthorizationMiddleware.Forbidden(create, decision.Reason);
        }

        var offered = _http.WebSockets.WebSocketRequestedProtocols;
        var protocol = ConsoleSubprotocol.Negotiate(offered, out var echoName)
            ?? throw StatusException.BadRequest(
                $"requested protocol(s) are not supported: [{string.Join(" ", offered)}]; supports [{string.Join(" ", ConsoleSubprotocol.All.Select(p => p.Name))}]");

        var options = services.GetRequiredService<ConsoleStreamOptions>();
        var lifecycle = services.GetRequiredService<ServerLifecycle>();
        var logger = services.GetRequiredService<ILogger<ConsoleBridge>>();
        var scope = ReadScope();
        var vm = await _store.GetAsync(scope, _info.Name, null, _cancellationToken);

        // Opening may take a while (dial, attach): a drain meanwhile cancels it, and the client is told to retry (503).
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, lifecycle.WatchesEnding);
        await using var connection = await services.GetRequiredService<ProviderConsoleConnector>().OpenAsync(vm, _user, opening.Token);
        if (HttpProtocol.IsHttp2(Request.Protocol) && _http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            // Over HTTP/2 the WebSocket is the request body: an idle console must not fall foul of Kestrel's minimum
            // upload rate (HTTP/1.1 upgrades are exempt already). Pings and pongs watch liveness instead.
            rate.MinDataRate = null;
        }

        using var socket = await _http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = echoName ? protocol.Name : null,
            KeepAliveInterval = options.PingInterval,
            KeepAliveTimeout = options.PongTimeout,
        });
        ConsoleLog.Opened(logger, _info.Namespace, _info.Name, connection.Provider, _user.Name, protocol.Name);

        using var sessionOver = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        var vmGone = FollowAsync();
        var bridge = new ConsoleBridge(socket, protocol, connection.Session, options, _time, _cancellationToken);
        var end = await bridge.RunAsync(vmGone, lifecycle.WatchesEnding);
        await sessionOver.CancelAsync();
        try
        {
            await vmGone;
        }
        catch (OperationCanceledException)
        {
            // The session ended first: stop following the machine.
        }

        if (end is null)
        {
            ConsoleLog.ClientGone(logger, _info.Namespace, _info.Name);
        }
        else
        {
            ConsoleLog.Closed(logger, _info.Namespace, _info.Name, end.CloseStatus, end.Reason);
        }

        // Completes when the machine goes away; a watch that cannot go on (the store shutting down) must not end the
        // session, so it then waits for the session to end instead.
        async Task<string> FollowAsync()
        {
            try
            {
                return await VirtualMachineWatcher.WaitUntilGoneAsync(_store, scope, vm, _time, sessionOver.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ConsoleLog.FollowFailed(logger, e, _info.Namespace, _info.Name);
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, sessionOver.Token);
                throw;
            }
        }
    }
}
