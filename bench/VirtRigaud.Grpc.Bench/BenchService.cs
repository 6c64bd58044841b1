using VirtRigaud.Grpc.Bench.Protos;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// <c>virtrigaud.bench.v1.Bench</c> (bench/protos/bench.proto): its two methods for the client, and a server
/// definition that does as little as the python one does (the request is the response) so the transports are compared.
/// </summary>
internal static class BenchService
{
    private const int YieldEvery = 64;

    public static Method<Payload, Payload> Unary { get; } = Method<Payload, Payload>.Create(BenchReflection.Descriptor.Services[0], "Unary");

    public static Method<Payload, Payload> Stream { get; } = Method<Payload, Payload>.Create(BenchReflection.Descriptor.Services[0], "Stream");

    public static GrpcServiceDefinition CreateDefinition() =>
        GrpcServiceDefinition.For(BenchReflection.Descriptor.Services[0])
            .AddUnary<Payload, Payload>("Unary", static (request, context) => Task.FromResult(request))
            .AddServerStreaming<Payload, Payload>("Stream", StreamAsync)
            .Build();

    /// <summary>Sends the request back until the client cancels (the context's token then fires).</summary>
    /// <remarks>
    /// Yields to the thread pool every <see cref="YieldEvery"/> messages to work around a livelock of the server found by
    /// this benchmark (issue 3): once the client has reset the stream, Kestrel discards writes and completes them
    /// synchronously, while the context's token only fires when Kestrel's RequestAborted callback, queued to the thread
    /// pool, runs. With every pool thread in such a loop the CPU is at 100 %, the pool adds no thread, the callback never
    /// runs, and the server spins at 200 % with the connection in CLOSE-WAIT. The server's writer now yields itself after
    /// 64 synchronous writes in a row (HttpContextServerCallContext.WriteMessageAsync); this handler-side yield is kept so
    /// that runs stay comparable with bench/results/grpc-2026-11-21-1329.md, and can go at the next re-measurement.
    /// </remarks>
    private static async Task StreamAsync(Payload request, IServerStreamWriter<Payload> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await responses.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            if (++sent % YieldEvery == 0)
            {
                await Task.Yield();
            }
        }
    }
}
