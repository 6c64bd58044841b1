using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Metrics;

/// <summary>
/// Records every <c>provider.v1.Provider</c> call in <see cref="ProviderMetrics"/> (other services, such as health
/// checks, are not counted). Outermost among the SDK's interceptors, so calls refused by authentication or by the
/// shutdown drain are counted with their code. Thread-safe.
/// </summary>
internal sealed class ProviderMetricsInterceptor : ServerInterceptor
{
    private const string ServicePrefix = "/provider.v1.Provider/";

    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;

    public ProviderMetricsInterceptor(ProviderMetrics metrics, TimeProvider time)
    {
        _metrics = metrics;
        _time = time;
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        if (!context.Method.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var started = _time.GetTimestamp();
        Exception? failure = null;
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            var code = CallOutcome.Code(context, failure, _time.GetUtcNow());
            _metrics.RecordCall(context.Method[ServicePrefix.Length..], CallOutcome.GoName(code), _time.GetElapsedTime(started));
        }
    }
}
