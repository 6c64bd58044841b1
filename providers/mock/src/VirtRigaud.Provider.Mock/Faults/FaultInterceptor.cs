using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>
/// Applies <see cref="FaultInjector"/> decisions to provider.v1 calls: waits the injected latency (cancelled with the
/// call), then fails the call with the injected status before the implementation runs. Registered innermost, so the
/// SDK's metrics and call log see injected failures like real ones. Other services (grpc.health.v1) pass untouched.
/// Thread-safe.
/// </summary>
public sealed class FaultInterceptor(FaultInjector faults, TimeProvider time, ILogger<FaultInterceptor> logger) : ServerInterceptor
{
    private const string Prefix = "/" + ProviderMethods.ServiceName + "/";

    public override async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        if (!context.Method.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var rpc = context.Method[Prefix.Length..];
        var decision = faults.DecideRpc(rpc);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, time, context.CancellationToken).ConfigureAwait(false);
        }

        if (decision.Code is { } code)
        {
            MockLog.FaultInjected(logger, rpc, code.ToString(), decision.Latency.TotalMilliseconds);
            throw new RpcException(new Status(code, decision.Message));
        }

        await next().ConfigureAwait(false);
    }
}
