using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// The request delegate behind every mapped gRPC endpoint: checks that the request is gRPC over HTTP/2, builds the
/// call context, runs the interceptors and the call handler, and turns the outcome into the call's status.
/// </summary>
internal sealed class GrpcCallDispatcher
{
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;

    public GrpcCallDispatcher(IOptions<GrpcServerOptions> options, ILoggerFactory loggerFactory, TimeProvider time, IHostApplicationLifetime? lifetime = null)
    {
        _options = options.Value;
        _logger = loggerFactory.CreateLogger(GrpcServerLog.Category);
        _time = time;
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    /// <summary>Serves one call of <paramref name="handler"/>.</summary>
    public async Task HandleCallAsync(HttpContext http, ServerCallHandler handler)
    {
        if (!AcceptRequest(http))
        {
            return;
        }

        // Routing matches literals case-insensitively; gRPC paths are case-sensitive.
        if (!string.Equals(http.Request.Path.Value, handler.FullName, StringComparison.Ordinal))
        {
            WriteUnimplemented(http, "Method is unimplemented.");
            return;
        }

        RelaxRequestLimits(http);
        await using var call = new HttpContextServerCallContext(http, handler, _options, _logger, _time, _stopping);
        call.Start();
        Status status;
        try
        {
            await RunAsync(call, handler).ConfigureAwait(false);
            status = call.Status;
        }
        catch (Exception e)
        {
            status = call.Fail(e);
        }

        await call.EndCallAsync(status).ConfigureAwait(false);
    }

    /// <summary>Answers a path that names no handler: UNIMPLEMENTED for gRPC requests, a plain 404 for anything else.</summary>
    public Task HandleUnimplementedAsync(HttpContext http, bool serviceKnown)
    {
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        WriteUnimplemented(http, serviceKnown ? "Method is unimplemented." : "Service is unimplemented.");
        return Task.CompletedTask;
    }

    private Task RunAsync(HttpContextServerCallContext call, ServerCallHandler handler)
    {
        var interceptors = _options.Interceptors;
        Func<Task> next = () => handler.InvokeAsync(call);
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = () => interceptor.InterceptAsync(call, inner);
        }

        return next();
    }

    private bool AcceptRequest(HttpContext http)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcServerLog.UnsupportedProtocol(_logger, request.Path, request.Protocol);
            WriteHttpError(http, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            return false;
        }

        if (!IsProtobufGrpc(request.ContentType))
        {
            GrpcServerLog.UnsupportedContentType(_logger, request.Path, request.ContentType ?? "");
            WriteHttpError(http, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        return true;
    }

    /// <summary><c>application/grpc</c> or <c>application/grpc+proto</c>, optionally with parameters; other codecs (+json…) are not served.</summary>
    private static bool IsProtobufGrpc(string? contentType)
    {
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            return false;
        }

        var mediaType = contentType!.Split(';', 2)[0].Trim();
        return mediaType.Equals(GrpcProtocol.ContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals(GrpcProtocol.ContentTypeProto, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Streams may be long and slow: Kestrel's body size limit and minimum data rate would cut them off, and the gRPC
    /// message limit is the one that applies.
    /// </summary>
    private static void RelaxRequestLimits(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }
    }

    private void WriteUnimplemented(HttpContext http, string detail)
    {
        GrpcServerLog.Unimplemented(_logger, http.Request.Path, detail);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.AcceptedEncodings;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(detail);
    }

    private static void WriteHttpError(HttpContext http, int httpStatus, string detail)
    {
        var response = http.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(detail);
    }
}
