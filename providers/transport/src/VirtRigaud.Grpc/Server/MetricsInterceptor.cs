using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VirtRigaud.Grpc;

/// <summary>
/// Counts calls and measures their duration with System.Diagnostics.Metrics (meter <see cref="MeterName"/>):
/// <c>grpc_server_calls_total</c> and <c>grpc_server_call_duration_seconds</c>, both tagged with <c>method</c> (the
/// full path) and <c>code</c> (the canonical status name, e.g. <c>OK</c>, <c>NOT_FOUND</c>). Put it outermost so that
/// denials by inner interceptors are counted too.
/// </summary>
public sealed class MetricsInterceptor : ServerInterceptor
{
    public const string MeterName = "VirtRigaud.Grpc.Server";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;

    public MetricsInterceptor(IMeterFactory meterFactory, TimeProvider? timeProvider = null)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("grpc_server_calls_total", unit: "{call}", description: "gRPC calls completed by the server.");
        _duration = meter.CreateHistogram<double>("grpc_server_call_duration_seconds", unit: "s", description: "Duration of gRPC calls on the server, from the request headers to the status.");
        _time = timeProvider ?? TimeProvider.System;
    }

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        var started = _time.GetTimestamp();
        StatusCode code;
        try
        {
            await next().ConfigureAwait(false);
            code = ServerCallOutcome.Completed(context);
        }
        catch (Exception e)
        {
            code = ServerCallOutcome.Failed(context, e);
            Record(context, code, started);
            throw;
        }

        Record(context, code, started);
    }

    private void Record(ServerCallContext context, StatusCode code, long started)
    {
        var tags = new TagList { { "method", context.Method }, { "code", ServerCallOutcome.Name(code) } };
        _calls.Add(1, tags);
        _duration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
    }
}
