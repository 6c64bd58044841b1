using VirtRigaud.Grpc.Bench.Protos;

namespace VirtRigaud.Grpc.Bench;

/// <summary>
/// <c>virtrigaud.bench.v1.Bench</c> (bench/protos/bench.proto): its two methods for the client, and a server
/// definition that does as little as the python one does (the request is the response) so the transports are compared.
/// </summary>
internal static class BenchService
{
    public static Method<Payload, Payload> Unary { get; } = Method<Payload, Payload>.Create(BenchReflection.Descriptor.Services[0], "Unary");

    public static Method<Payload, Payload> Stream { get; } = Method<Payload, Payload>.Create(BenchReflection.Descriptor.Services[0], "Stream");

    public static GrpcServiceDefinition CreateDefinition() =>
        GrpcServiceDefinition.For(BenchReflection.Descriptor.Services[0])
            .AddUnary<Payload, Payload>("Unary", static (request, context) => Task.FromResult(request))
            .AddServerStreaming<Payload, Payload>("Stream", StreamAsync)
            .Build();

    /// <summary>Sends the request back until the client cancels (the context's token then fires).</summary>
    private static async Task StreamAsync(Payload request, IServerStreamWriter<Payload> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        while (!cancellationToken.IsCancellationRequested)
        {
            await responses.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
