using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerRoutingTests
{
    private static GrpcServiceDefinition Echo() => GrpcServiceDefinition.For(EchoProto.Service)
        .AddUnary(EchoProto.Unary, (request, _) => Task.FromResult(request))
        .Build();

    [Theory]
    [InlineData("/virtrigaud.test.Nope/Unary", "Service is unimplemented.")]
    [InlineData("/virtrigaud.test.Echo/Unhandled", "Method is unimplemented.")]
    [InlineData("/virtrigaud.test.Echo/NotInTheProto", "Method is unimplemented.")]
    [InlineData("/virtrigaud.test.echo/unary", "Method is unimplemented.")]
    public async Task UnknownPath_GrpcRequest_TrailersOnlyUnimplemented(string path, string detail)
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request(path, Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(HttpStatusCode.OK, result.Response.StatusCode);
        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, result.Code);
        Assert.Equal(detail, result.RawMessage);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownService_SecondServiceMapped_StillUnimplemented()
    {
        var health = new HealthServiceImpl();
        await using var server = await GrpcTestServer.StartAsync(endpoints =>
        {
            endpoints.MapGrpcService(Echo());
            endpoints.MapGrpcService(health.Definition);
        });

        using var request = Request("/virtrigaud.test.Nope/Unary", Text("x"));
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.Unimplemented, result.Code);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc-web")]
    [InlineData("application/grpc+json")]
    public async Task KnownMethod_NonGrpcContentType_415WithGrpcStatusInHeaders(string contentType)
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var request = Request("/virtrigaud.test.Echo/Unary", Frame(Text("x")), contentType);
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", GrpcResult.Single(response.Headers, "grpc-status"));
        Assert.Contains(contentType, GrpcResult.Single(response.Headers, "grpc-message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownMethod_Http11_426WithGrpcStatusInHeaders()
    {
        await using var server = await GrpcTestServer.StartAsync(
            endpoints => endpoints.MapGrpcService(Echo()),
            protocols: HttpProtocols.Http1AndHttp2);

        using var request = Request("/virtrigaud.test.Echo/Unary", Text("x"));
        request.Version = HttpVersion.Version11;
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", GrpcResult.Single(response.Headers, "grpc-status"));
    }

    [Fact]
    public async Task KnownMethod_Get_405()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var response = await server.Client.GetAsync(new Uri("/virtrigaud.test.Echo/Unary", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_NonGrpcRequest_Plain404()
    {
        await using var server = await GrpcTestServer.StartAsync(Echo());

        using var content = new StringContent("{}", new MediaTypeHeaderValue("application/json"));
        using var response = await server.Client.PostAsync(new Uri("/some/page", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
    }
}
