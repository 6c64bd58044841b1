using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Sdk.Logging;
using RetryInfo = VirtRigaud.Provider.Sdk.Errors.Rpc.RetryInfo;
using RpcStatus = VirtRigaud.Provider.Sdk.Errors.Rpc.Status;

namespace VirtRigaud.Provider.Sdk.Errors;

/// <summary>
/// The one place where a provider's failures become gRPC statuses. It wraps every call (unary and streaming):
/// <list type="table">
/// <listheader><term>the handler throws</term><description>the call ends with</description></listheader>
/// <item><term><see cref="ProviderException"/></term><description>its code and message; a retry delay becomes the
/// <c>retry-after</c> trailer (whole seconds) and a <c>google.rpc.RetryInfo</c> in <c>grpc-status-details-bin</c>;
/// the inner exception is logged at Debug, never sent</description></item>
/// <item><term><see cref="RpcException"/></term><description>its status, unchanged (the handler chose it)</description></item>
/// <item><term><see cref="OperationCanceledException"/> after the call was cancelled</term><description>left to the
/// transport: CANCELLED, DEADLINE_EXCEEDED, or UNAVAILABLE when the server is stopping</description></item>
/// <item><term>anything else</term><description>INTERNAL with a generic message and a short reference; the exception,
/// with the same reference, is logged at Error (upstream's recovery interceptor)</description></item>
/// </list>
/// Stateless apart from its logger; thread-safe.
/// </summary>
public sealed class ProviderErrorInterceptor : ServerInterceptor
{
    /// <summary>Trailer with the retry delay in whole seconds (rounded up), for clients without status-details support.</summary>
    public const string RetryAfterTrailer = "retry-after";

    /// <summary>The standard trailer holding a serialized <c>google.rpc.Status</c> with typed details.</summary>
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    private const string RetryInfoTypeUrl = "type.googleapis.com/google.rpc.RetryInfo";

    /// <summary>Random bytes in an INTERNAL error's reference: enough to find the log line, too few to mean anything else.</summary>
    private const int ReferenceBytes = 6;

    private readonly ILogger _logger;

    public ProviderErrorInterceptor(ILogger<ProviderErrorInterceptor> logger)
    {
        _logger = logger;
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (ProviderException e)
        {
            ProviderSdkLog.ProviderErrorReturned(_logger, context.Method, e.Code.ToString(), e.InnerException);
            throw ToRpcException(e);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(ReferenceBytes));
            ProviderSdkLog.UnexpectedError(_logger, context.Method, reference, e);
            throw new RpcException(new Status(StatusCode.Internal, $"internal provider error (reference {reference}); the details are in the provider's log"));
        }
    }

    /// <summary>The <see cref="RpcException"/> (status and trailers) that <paramref name="exception"/> ends a call with. Pure.</summary>
    public static RpcException ToRpcException(ProviderException exception)
    {
        var status = new Status(exception.Code, exception.Message);
        var trailers = new Metadata();
        if (exception.RetryAfter is { } delay)
        {
            var seconds = (long)Math.Ceiling(delay.TotalSeconds);
            trailers.Add(RetryAfterTrailer, seconds.ToString(CultureInfo.InvariantCulture));
            var details = new RpcStatus { Code = (int)exception.Code, Message = exception.Message };
            details.Details.Add(new Any
            {
                TypeUrl = RetryInfoTypeUrl,
                Value = new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }.ToByteString(),
            });
            trailers.Add(StatusDetailsTrailer, details.ToByteArray());
        }

        return new RpcException(status, trailers);
    }

    /// <summary>
    /// The retry delay a failed call carries: <c>google.rpc.RetryInfo</c> from the status details when present, else the
    /// <c>retry-after</c> trailer; <c>null</c> when neither is there or they do not parse. Pure.
    /// </summary>
    public static TimeSpan? GetRetryAfter(RpcException exception)
    {
        if (exception.Trailers.GetValueBytes(StatusDetailsTrailer) is { } bytes)
        {
            try
            {
                var details = RpcStatus.Parser.ParseFrom(bytes);
                foreach (var detail in details.Details)
                {
                    if (detail.TypeUrl == RetryInfoTypeUrl)
                    {
                        return RetryInfo.Parser.ParseFrom(detail.Value).RetryDelay?.ToTimeSpan();
                    }
                }
            }
            catch (InvalidProtocolBufferException)
            {
                // Not ours or corrupt: fall back to the plain trailer.
            }
        }

        return long.TryParse(exception.Trailers.GetValue(RetryAfterTrailer), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
