using Microsoft.Extensions.DependencyInjection;
using static VirtRigaud.Grpc.Tests.Server.GrpcWire;

namespace VirtRigaud.Grpc.Tests.Server;

public sealed class ServerDeadlineTests
{
    private const string UnaryPath = "/" + EchoProto.ServiceName + "/Unary";
    private const string ServerStreamPath = "/" + EchoProto.ServiceName + "/ServerStream";

    private static readonly DateTimeOffset Start = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The longest due time .NET timers accept (about 49.7 days).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static Task<GrpcTestServer> StartAsync(GrpcServiceDefinition definition, ManualClock clock) =>
        GrpcTestServer.StartAsync(endpoints => endpoints.MapGrpcService(definition), services: s => s.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task Deadline_Passes_HandlerCancelledAndTrailersOnlyDeadlineExceeded()
    {
        var clock = new ManualClock(Start);
        var started = Signals.New();
        var cancelled = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }

                return request;
            })
            .Build();
        await using var server = await StartAsync(definition, clock);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "100m");
        var sending = GrpcResult.SendAsync(server.Client, request);
        await started.WaitAsync();
        Assert.Equal([TimeSpan.FromMilliseconds(100)], clock.RequestedDueTimes);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var result = await sending;

        await cancelled.WaitAsync();
        Assert.True(result.TrailersOnly);
        Assert.Equal(StatusCode.DeadlineExceeded, result.Code);
    }

    [Fact]
    public async Task Deadline_HandlerIgnoresIt_CallEndsAtTheDeadlineAnyway()
    {
        var clock = new ManualClock(Start);
        var wrote = Signals.New();
        var release = Signals.New();
        var lateWrite = Signals.New<Exception?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddServerStreaming(EchoProto.ServerStream, async (request, responses, context) =>
            {
                await responses.WriteAsync(Text("first"), context.CancellationToken);
                wrote.SetResult();
                await release.Task;
                lateWrite.SetResult(await Record.ExceptionAsync(() => responses.WriteAsync(Text("late"), CancellationToken.None)));
            })
            .Build();
        await using var server = await StartAsync(definition, clock);

        using var request = Request(ServerStreamPath, Text("x"));
        request.Headers.Add("grpc-timeout", "1S");
        var sending = GrpcResult.SendAsync(server.Client, request);
        await wrote.WaitAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await sending;

        Assert.False(lateWrite.Task.IsCompleted);
        Assert.False(result.TrailersOnly);
        Assert.Equal("first", Assert.Single(result.Messages).Value);
        Assert.Equal(StatusCode.DeadlineExceeded, result.Code);

        // The call is over: a late write fails instead of touching the finished stream.
        release.SetResult();
        Assert.IsAssignableFrom<OperationCanceledException>(await lateWrite.WaitAsync());
    }

    [Fact]
    public async Task Deadline_Header_ExposedAsUtcDeadline()
    {
        var clock = new ManualClock(Start);
        var seen = Signals.New<DateTimeOffset?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult(context.Deadline);
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await StartAsync(definition, clock);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "2H");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal(Start.AddHours(2), await seen.WaitAsync());
    }

    [Fact]
    public async Task Deadline_LongerThanATimerCanWait_RearmedAndHonouredAtTheDeadline()
    {
        var clock = new ManualClock(Start);
        var started = Signals.New();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, async (request, context) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                return request;
            })
            .Build();
        await using var server = await StartAsync(definition, clock);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "1200H");
        var sending = GrpcResult.SendAsync(server.Client, request);
        await started.WaitAsync();
        clock.Advance(LongestTimer);

        // Timers run inside Advance: the first firing re-armed the timer for the rest instead of ending the call.
        Assert.Equal([LongestTimer, TimeSpan.FromHours(1200) - LongestTimer], clock.RequestedDueTimes);
        clock.Advance(TimeSpan.FromHours(1200) - LongestTimer);
        var result = await sending;
        Assert.Equal(StatusCode.DeadlineExceeded, result.Code);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("1x")]
    [InlineData("123456789S")]
    public async Task Deadline_MalformedHeader_IgnoredAndCallServed(string timeout)
    {
        var seen = Signals.New<DateTimeOffset?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult(context.Deadline);
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Null(await seen.WaitAsync());
    }

    [Fact]
    public async Task Deadline_Longest_SaturatesAtMaxValue()
    {
        var seen = Signals.New<DateTimeOffset?>();
        var definition = GrpcServiceDefinition.For(EchoProto.Service)
            .AddUnary(EchoProto.Unary, (request, context) =>
            {
                seen.SetResult(context.Deadline);
                return Task.FromResult(request);
            })
            .Build();
        await using var server = await GrpcTestServer.StartAsync(definition);

        using var request = Request(UnaryPath, Text("x"));
        request.Headers.Add("grpc-timeout", "99999999H");
        var result = await GrpcResult.SendAsync(server.Client, request);

        Assert.Equal(StatusCode.OK, result.Code);
        Assert.Equal(DateTimeOffset.MaxValue, await seen.WaitAsync());
    }
}
