using Microsoft.Extensions.DependencyInjection;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerMetadataTests
{
    private const string UnaryPath = "/" + EchoProto.ServiceName + "/Unary";

    private static readonly byte[] Binary = [0x00, 0x01, 0xFE, 0xFF, 0x7F];

    [Fact]
    public async Task RequestMetadata_TextAndBinary_EchoedInHeadersAndTrailers()
    {
        var seen = Signals.New<Metadata>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                seen.SetResult(context.RequestHeaders);
                await context.WriteResponseHeadersAsync(new Metadata()
                    .Add("x-text", context.RequestHeaders.GetValue("x-text")!)
                    .Add("x-data-bin", context.RequestHeaders.GetValueBytes("x-data-bin")!));
                context.ResponseTrailers.Add("x-trailer-bin", context.RequestHeaders.GetValueBytes("x-data-bin")!);
                return request;
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("x-text", "hello world");
        // Padded base64 on the way in; implementations must accept padded and unpadded values.
        request.Headers.Add("x-data-bin", Convert.ToBase64String(Binary));
        request.Headers.Add("grpc-timeout", "1H");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        var metadata = await seen.WaitAsync();
        Assert.Equal("hello world", metadata.GetValue("x-text"));
        Assert.Equal(Binary, metadata.GetValueBytes("x-data-bin"));
        Assert.Equal("hello world", GrpcResult.Single(result.Response.Headers, "x-text"));
        // Unpadded on the way out.
        Assert.Equal("AAH+/38", GrpcResult.Single(result.Response.Headers, "x-data-bin"));
        Assert.Equal("AAH+/38", GrpcResult.Single(result.Response.TrailingHeaders, "x-trailer-bin"));
    }

    [Fact]
    public async Task RequestMetadata_ReservedHeaders_NotExposed()
    {
        var seen = Signals.New<Metadata>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult(context.RequestHeaders);
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "1H");
        request.Headers.Add("grpc-accept-encoding", "gzip");
        request.Headers.UserAgent.ParseAdd("grpc-test/1.0");
        request.Headers.Add("x-kept", "1");
        await GrpcResult.SendAsync(server.Client, request);

        var keys = (await seen.WaitAsync()).Select(e => e.Key).ToList();
        Assert.Equal(["x-kept"], keys);
    }

    [Fact]
    public async Task ResponseMetadata_ReservedNames_Dropped()
    {
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                await context.WriteResponseHeadersAsync(new Metadata().Add("content-type", "text/plain").Add("x-ok", "1"));
                context.ResponseTrailers.Add("grpc-status", "5").Add("grpc-message", "forged").Add("x-ok", "2");
                return request;
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", GrpcResult.Single(result.Response.Headers, "x-ok"));
        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Null(result.RawMessage);
        Assert.Equal("2", GrpcResult.Single(result.Response.TrailingHeaders, "x-ok"));
    }

    [Fact]
    public async Task Context_DescribesTheCall()
    {
        var seen = Signals.New<(string Method, string Host, string Peer, DateTimeOffset? Deadline, bool HasHttpContext, object? Certificate)>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult((context.Method, context.Host, context.Peer, context.Deadline, context.HttpContext is not null, context.ClientCertificate));
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        await GrpcResult.SendAsync(server.Client, request);

        var call = await seen.WaitAsync();
        Assert.Equal("/virtrigaud.test.Echo/Unary", call.Method);
        Assert.Equal(server.Client.BaseAddress!.Authority, call.Host);
        Assert.StartsWith("ipv4:127.0.0.1:", call.Peer, StringComparison.Ordinal);
        Assert.Null(call.Deadline);
        Assert.True(call.HasHttpContext);
        Assert.Null(call.Certificate);
    }

    [Fact]
    public async Task RequestServices_OneScopePerCall()
    {
        var scopes = new List<object>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                var services = context.HttpContext!.RequestServices;
                var first = services.GetRequiredService<PerCall>();
                Assert.Same(first, services.GetRequiredService<PerCall>());
                lock (scopes)
                {
                    scopes.Add(first);
                }

                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(e => e.MapGrpcService(definition), services: s => s.AddScoped<PerCall>());

        for (var i = 0; i < 2; i++)
        {
            using var request = Request(UnaryPath, Text("x"));
            Assert.Equal(StatusCode.OK, (await GrpcResult.SendAsync(server.Client, request)).Code);
        }

        Assert.Equal(2, scopes.Count);
        Assert.NotSame(scopes[0], scopes[1]);
    }

    [Fact]
    public async Task UserState_SharedBetweenInterceptorAndHandler()
    {
        var seen = Signals.New<object?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult(context.UserState["tenant"]);
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(
            definition,
            options => options.Interceptors.Add(new RecordingInterceptor("a", [], context => context.UserState["tenant"] = "blue")));

        using var request = Request(UnaryPath, Text("x"));
        await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal("blue", await seen.WaitAsync());
    }

    /// <summary>A scoped service, to tell DI scopes apart.</summary>
    private sealed class PerCall;
}
