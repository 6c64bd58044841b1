using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class GrpcTransportRegistrationTests
{
    [Fact]
    public void MapGrpcService_WithoutAddGrpcTransport_Throws()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        var app = builder.Build();

        var e = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(new HealthServiceImpl().Definition));
        Assert.Contains("AddGrpcTransport", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGrpcService_SameServiceTwice_Throws()
    {
        var definition = new HealthServiceImpl().Definition;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await GrpcTestServer.StartAsync(endpoints =>
            {
                endpoints.MapGrpcService(definition);
                endpoints.MapGrpcService(definition);
            });
        });
        Assert.Contains("already mapped", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    public async Task Start_InvalidMessageSizeLimits_FailsValidation(int? maxReceive, int? maxSend)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await GrpcTestServer.StartAsync(
                endpoints => endpoints.MapGrpcHealthService(),
                options =>
                {
                    options.MaxReceiveMessageSize = maxReceive;
                    options.MaxSendMessageSize = maxSend;
                });
        });
    }

    [Fact]
    public void Options_Defaults_MatchOtherGrpcImplementations()
    {
        var options = new GrpcServerOptions();

        Assert.Equal(4 * 1024 * 1024, options.MaxReceiveMessageSize);
        Assert.Null(options.MaxSendMessageSize);
        Assert.False(options.EnableDetailedErrors);
        Assert.Empty(options.Interceptors);
    }
}
