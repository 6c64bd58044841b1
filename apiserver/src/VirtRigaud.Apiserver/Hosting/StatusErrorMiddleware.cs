using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// The outermost stage: turns what escapes the pipeline into a <see cref="Status"/> response. A
/// <see cref="StatusException"/> is answered with its own Status; Kestrel's "body too large" with 413
/// RequestEntityTooLarge; anything else with a 500 InternalError whose text reveals nothing about the server (the
/// exception is logged). A client that went away gets nothing; a long-running request cancelled by the drain gets 503
/// "apiserver is shutting down" with <c>Retry-After: 1</c> when nothing was sent yet, and otherwise ends its stream
/// cleanly; any other error after the response started aborts the connection, since a half-written body must not
/// look complete.
/// </summary>
internal sealed class StatusErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ApiServerOptions _options;
    private readonly ServerLifecycle _lifecycle;
    private readonly ILogger<StatusErrorMiddleware> _logger;

    public StatusErrorMiddleware(RequestDelegate next, ApiServerOptions options, ServerLifecycle lifecycle, ILogger<StatusErrorMiddleware> logger)
    {
        _next = next;
        _options = options;
        _lifecycle = lifecycle;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: there is nobody to answer.
        }
        catch (OperationCanceledException) when (_lifecycle.IsDraining)
        {
            // A long-running request the drain cancelled (its RequestAborted was linked to the drain and restored on
            // the way out). Started: the stream simply ends, as a watch does at its timeout. Not started yet (it was
            // still being established): the client is told to retry, as a request arriving now would be.
            if (!context.Response.HasStarted)
            {
                await ApiResponses.WriteStatusAsync(context, LongRunningRequests.ShuttingDown().Status, null, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            var status = e switch
            {
                StatusException statusException => statusException.Status,
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    StatusException.RequestEntityTooLarge(string.Create(CultureInfo.InvariantCulture, $"limit is {_options.MaxRequestBodyBytes}")).Status,
                BadHttpRequestException bad => StatusException.BadRequest(bad.Message).Status,
                _ => null,
            };

            if (status is null)
            {
                ApiServerLog.UnhandledError(_logger, e, context.Request.Method, context.Request.Path);
                status = StatusException.InternalError("the server could not complete the request").Status;
            }

            if (context.Response.HasStarted)
            {
                ApiServerLog.UnhandledErrorAfterStart(_logger, e, context.Request.Method, context.Request.Path);
                context.Abort();
                return;
            }

            context.Response.Clear();
            await ApiResponses.WriteStatusAsync(context, status, null, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
