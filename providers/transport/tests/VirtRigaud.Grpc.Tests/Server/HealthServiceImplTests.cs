using VirtRigaud.Grpc.Health.V1;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;
using ServingStatus = VirtRigaud.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class HealthServiceImplTests
{
    private const string CheckPath = "/grpc.health.v1.Health/Check";
    private const string WatchPath = "/grpc.health.v1.Health/Watch";

    [Fact]
    public async Task Check_EmptyName_ServerServingByDefault()
    {
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcHealthService());

        var (code, status) = await CheckAsync(server, "");

        Assert.Equal(StatusCode.OK, code);
        Assert.Equal(ServingStatus.Serving, status);
    }

    [Theory]
    [InlineData(ServingStatus.Serving)]
    [InlineData(ServingStatus.NotServing)]
    [InlineData(ServingStatus.Unknown)]
    public async Task Check_KnownService_ItsStatus(ServingStatus expected)
    {
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcHealthService());
        Health(server).SetStatus("virtrigaud.Provider", expected);

        var (code, status) = await CheckAsync(server, "virtrigaud.Provider");

        Assert.Equal(StatusCode.OK, code);
        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Check_UnknownOrClearedService_NotFound()
    {
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcHealthService());
        Health(server).SetStatus("gone", ServingStatus.Serving);
        Health(server).ClearStatus("gone");

        Assert.Equal(StatusCode.NotFound, (await CheckAsync(server, "never.Known")).Code);
        Assert.Equal(StatusCode.NotFound, (await CheckAsync(server, "gone")).Code);
    }

    [Fact]
    public async Task Watch_StatusChanges_CurrentThenEachChange()
    {
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcHealthService());
        var health = Health(server);
        health.SetStatus("svc", ServingStatus.Serving);
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);

        using var request = Request(WatchPath, new HealthCheckRequest { Service = "svc" });
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var body = await response.Content.ReadAsStreamAsync(cts.Token);

        Assert.Equal(ServingStatus.Serving, await NextAsync(body, cts.Token));
        health.SetStatus("svc", ServingStatus.Serving);
        health.SetStatus("svc", ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, await NextAsync(body, cts.Token));
        health.ClearStatus("svc");
        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(body, cts.Token));
    }

    [Fact]
    public async Task Watch_UnknownService_ServiceUnknownAndCallStaysOpen()
    {
        await using var server = await GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcHealthService());
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);

        using var request = Request(WatchPath, new HealthCheckRequest { Service = "later" });
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var body = await response.Content.ReadAsStreamAsync(cts.Token);

        Assert.Equal(ServingStatus.ServiceUnknown, await NextAsync(body, cts.Token));
        Health(server).SetStatus("later", ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, await NextAsync(body, cts.Token));
    }

    [Fact]
    public void SetStatus_ServiceUnknown_Rejected()
    {
        var health = new HealthServiceImpl();

        Assert.Throws<ArgumentOutOfRangeException>(() => health.SetStatus("svc", ServingStatus.ServiceUnknown));
        Assert.Null(health.GetStatus("svc"));
    }

    [Fact]
    public void Definition_ServesCheckAndWatch()
    {
        Assert.Equal("grpc.health.v1.Health", new HealthServiceImpl().Definition.ServiceName);
        Assert.Equal([CheckPath, WatchPath], new HealthServiceImpl().Definition.ImplementedMethods);
    }

    private static HealthServiceImpl Health(GrpcTestServer server) =>
        (HealthServiceImpl)server.Services.GetService(typeof(HealthServiceImpl))!;

    private static async Task<(StatusCode Code, ServingStatus? Status)> CheckAsync(GrpcTestServer server, string service)
    {
        using var request = Request(CheckPath, new HealthCheckRequest { Service = service });
        using var cts = new CancellationTokenSource(GrpcTestServer.Patience);
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var body = await response.Content.ReadAsStreamAsync(cts.Token);
        var frame = await ReadFrameAsync(body, cts.Token);
        Assert.Null(await ReadFrameAsync(body, cts.Token));
        var headers = response.Headers.Contains("grpc-status") ? (System.Net.Http.Headers.HttpHeaders)response.Headers : response.TrailingHeaders;
        var code = (StatusCode)int.Parse(GrpcResult.Single(headers, "grpc-status")!, System.Globalization.CultureInfo.InvariantCulture);
        return (code, frame is null ? null : HealthCheckResponse.Parser.ParseFrom(frame.Value.Payload).Status);
    }

    private static async Task<ServingStatus> NextAsync(Stream body, CancellationToken cancellationToken)
    {
        var frame = await ReadFrameAsync(body, cancellationToken);
        Assert.NotNull(frame);
        return HealthCheckResponse.Parser.ParseFrom(frame.Value.Payload).Status;
    }
}
